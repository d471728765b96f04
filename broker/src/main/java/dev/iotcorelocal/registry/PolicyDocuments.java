package dev.iotcorelocal.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a policy document against AWS IoT's grammar (IAM's): Version 2012-10-17 (or absent),
 * Statement as one object or a non-empty array, each with Effect, Action or NotAction, Resource
 * or NotResource, optional Sid and Condition; no Principal. At most 2048 characters not counting
 * whitespace. Refusals are MalformedPolicyException naming what is wrong.
 */
public final class PolicyDocuments {
    public static final int MAX_CHARS_WITHOUT_WHITESPACE = 2048;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Condition");
    private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+");

    private PolicyDocuments() {
    }

    public static void validate(String document) {
        if (document == null || document.isBlank()) {
            throw malformed("policyDocument is required");
        }
        long significant = document.chars().filter(c -> !Character.isWhitespace(c)).count();
        if (significant > MAX_CHARS_WITHOUT_WHITESPACE) {
            throw malformed("the policy document has " + significant + " characters without whitespace; "
                    + "at most " + MAX_CHARS_WITHOUT_WHITESPACE + " are allowed");
        }
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw malformed("the policy document is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("the policy document must be a JSON object");
        }
        Iterator<String> keys = root.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!key.equals("Version") && !key.equals("Statement") && !key.equals("Id")) {
                throw malformed("unknown policy element '" + key + "'");
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && version.asText().equals("2012-10-17"))) {
            throw malformed("Version must be \"2012-10-17\", was " + version);
        }
        JsonNode statements = root.get("Statement");
        if (statements == null) {
            throw malformed("the policy document has no Statement");
        }
        if (statements.isObject()) {
            statement(statements, 0);
        } else if (statements.isArray() && !statements.isEmpty()) {
            for (int i = 0; i < statements.size(); i++) {
                statement(statements.get(i), i);
            }
        } else {
            throw malformed("Statement must be an object or a non-empty array of objects");
        }
    }

    private static void statement(JsonNode statement, int index) {
        String where = "Statement[" + index + "]";
        if (!statement.isObject()) {
            throw malformed(where + " must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = statement.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (key.equals("Principal") || key.equals("NotPrincipal")) {
                throw malformed(where + " has " + key + ": AWS IoT policies are attached to principals and "
                        + "cannot name one");
            }
            if (!STATEMENT_KEYS.contains(key)) {
                throw malformed(where + " has unknown element '" + key + "'");
            }
        }
        JsonNode effect = statement.get("Effect");
        if (effect == null || !(effect.asText().equals("Allow") || effect.asText().equals("Deny"))
                || !effect.isTextual()) {
            throw malformed(where + ".Effect must be \"Allow\" or \"Deny\", was " + effect);
        }
        exactlyOne(statement, where, "Action", "NotAction", true);
        exactlyOne(statement, where, "Resource", "NotResource", false);
        JsonNode condition = statement.get("Condition");
        if (condition != null) {
            condition(condition, where);
        }
        JsonNode sid = statement.get("Sid");
        if (sid != null && !sid.isTextual()) {
            throw malformed(where + ".Sid must be a string");
        }
    }

    private static void exactlyOne(JsonNode statement, String where, String positive, String negative,
                                   boolean actions) {
        JsonNode value = statement.get(positive);
        JsonNode negated = statement.get(negative);
        if ((value == null) == (negated == null)) {
            throw malformed(where + " must have exactly one of " + positive + " and " + negative);
        }
        String field = where + "." + (value != null ? positive : negative);
        JsonNode node = value != null ? value : negated;
        if (node.isTextual()) {
            entry(node.asText(), field, actions);
        } else if (node.isArray() && !node.isEmpty()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw malformed(field + " must hold strings, found " + item);
                }
                entry(item.asText(), field, actions);
            }
        } else {
            throw malformed(field + " must be a string or a non-empty array of strings");
        }
    }

    private static void entry(String value, String field, boolean action) {
        if (action && !ACTION.matcher(value).matches()) {
            throw malformed(field + " has an invalid action '" + value + "' (expected e.g. iot:Publish or iot:*)");
        }
        if (!action && !(value.equals("*") || value.startsWith("arn:"))) {
            throw malformed(field + " has an invalid resource '" + value + "' (expected an ARN or *)");
        }
    }

    private static void condition(JsonNode condition, String where) {
        if (!condition.isObject()) {
            throw malformed(where + ".Condition must be an object of operators");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = condition.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> operator = it.next();
            if (!operator.getValue().isObject()) {
                throw malformed(where + ".Condition." + operator.getKey() + " must be an object of keys");
            }
            for (Iterator<JsonNode> values = operator.getValue().elements(); values.hasNext(); ) {
                JsonNode value = values.next();
                if (!(value.isValueNode() || value.isArray())) {
                    throw malformed(where + ".Condition." + operator.getKey() + " values must be strings or arrays");
                }
            }
        }
    }

    private static RegistryRefusal malformed(String message) {
        return new RegistryRefusal(RegistryError.MALFORMED_POLICY, message);
    }
}
