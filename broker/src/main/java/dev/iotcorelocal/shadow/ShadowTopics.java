package dev.iotcorelocal.shadow;

import dev.iotcorelocal.limits.ShadowNames;

/**
 * Shadow request topics to (shadow, operation), and the response topics. Only the exact request
 * topics are requests: a response-suffix topic a client publishes to ({@code .../update/accepted})
 * stays a plain message, so the service never answers its own answers.
 */
public final class ShadowTopics {
    private static final String PREFIX = "$aws/things/";

    private ShadowTopics() {
    }

    /** A request addressed by a topic. */
    public record Request(ShadowKey key, ShadowOperation operation) {
    }

    /** The request a topic names, or null when it is no shadow request topic. */
    public static Request parse(String topic) {
        if (!topic.startsWith(PREFIX)) {
            return null;
        }
        int thingEnd = topic.indexOf('/', PREFIX.length());
        if (thingEnd < 0 || !topic.startsWith("/shadow/", thingEnd)) {
            return null;
        }
        String thing = topic.substring(PREFIX.length(), thingEnd);
        String rest = topic.substring(thingEnd + "/shadow/".length());
        String shadow = null;
        if (rest.startsWith("name/")) {
            int nameEnd = rest.indexOf('/', "name/".length());
            if (nameEnd < 0) {
                return null;
            }
            shadow = rest.substring("name/".length(), nameEnd);
            rest = rest.substring(nameEnd + 1);
            if (!ShadowNames.validShadowName(shadow)) {
                return null;
            }
        }
        ShadowOperation operation = ShadowOperation.ofLevel(rest);
        if (operation == null || !ShadowNames.validThingName(thing)) {
            return null;
        }
        return new Request(new ShadowKey(thing, shadow), operation);
    }

    public static String accepted(ShadowKey key, ShadowOperation operation) {
        return key.topicPrefix() + '/' + operation.level() + "/accepted";
    }

    public static String rejected(ShadowKey key, ShadowOperation operation) {
        return key.topicPrefix() + '/' + operation.level() + "/rejected";
    }

    public static String delta(ShadowKey key) {
        return key.topicPrefix() + "/update/delta";
    }

    public static String documents(ShadowKey key) {
        return key.topicPrefix() + "/update/documents";
    }
}
