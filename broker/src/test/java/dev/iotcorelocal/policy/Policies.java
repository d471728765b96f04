package dev.iotcorelocal.policy;

import java.util.ArrayList;
import java.util.List;

/** Test shorthand: ARNs of the spec's account and region, policy documents from statements. */
final class Policies {
    static final String PREFIX = "arn:aws:iot:us-east-1:123456789012:";

    private Policies() {
    }

    static String arn(String typeAndName) {
        return PREFIX + typeAndName;
    }

    /** A 2012-10-17 document of the given statement objects (JSON text each). */
    static String document(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    static String allow(String action, String... resources) {
        return statement("Allow", action, resources);
    }

    static String deny(String action, String... resources) {
        return statement("Deny", action, resources);
    }

    static String statement(String effect, String action, String... resources) {
        List<String> quoted = new ArrayList<>();
        for (String resource : resources) {
            quoted.add("\"" + (resource.equals("*") ? "*" : arn(resource)) + "\"");
        }
        String actions = action.startsWith("[") ? action : "\"" + action + "\"";
        return "{\"Effect\":\"" + effect + "\",\"Action\":" + actions + ",\"Resource\":[" + String.join(",", quoted)
                + "]}";
    }

    static PolicyCheck bind(RequestContext context, String... documents) {
        List<CompiledPolicy> policies = new ArrayList<>();
        for (int i = 0; i < documents.length; i++) {
            policies.add(CompiledPolicy.compile("p" + i, "1", documents[i]));
        }
        return PolicySet.of(policies).bind(context);
    }

    static MapRequestContext.Builder client(String clientId) {
        return MapRequestContext.builder().put(ContextKeys.CLIENT_ID, clientId)
                .put(ContextKeys.THING_IS_ATTACHED, "false");
    }

    /** A connection associated with a thing of the same name (the certificate is attached to it). */
    static MapRequestContext.Builder thing(String clientIdAndThing) {
        return MapRequestContext.builder().put(ContextKeys.CLIENT_ID, clientIdAndThing)
                .put(ContextKeys.THING_NAME, clientIdAndThing).put(ContextKeys.THING_IS_ATTACHED, "true");
    }
}
