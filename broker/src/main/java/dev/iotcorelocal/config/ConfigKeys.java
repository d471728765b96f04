package dev.iotcorelocal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The configuration's keys and the kind of value each takes, learnt from a complete tree (the
 * defaults with the limits filled in). Checks a user's keys against them before anything is
 * bound, so that an unknown key gets a suggestion and a wrong type says what was expected, in
 * words rather than Jackson's.
 */
final class ConfigKeys {
    private final ObjectNode schema;
    private final List<String> keys = new ArrayList<>();

    ConfigKeys(ObjectNode complete) {
        this.schema = complete;
        collectKeys(complete, "");
    }

    /**
     * Refuses an unknown key or a value of the wrong kind; {@code where} tells the file and line
     * (or the option) a key came from.
     */
    void check(ObjectNode user, Function<String, String> where) {
        check(schema, user, "", where);
    }

    private void check(ObjectNode known, ObjectNode user, String prefix,
                       Function<String, String> where) {
        Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode expected = known.get(field.getKey());
            JsonNode value = field.getValue();
            if (expected == null) {
                throw new ConfigException(where.apply(key) + ": unknown key '" + key + "'" + suggestion(key));
            }
            if (expected.isObject()) {
                if (value.isObject()) {
                    check((ObjectNode) expected, (ObjectNode) value, key + ".", where);
                } else if (!value.isNull()) { // an empty section ("limits:" with every key commented) is fine
                    throw new ConfigException(where.apply(key) + ": '" + key
                            + "' must be a section of keys (indented below it), got " + describe(value));
                }
            } else if (!sameKind(expected, value)) {
                throw new ConfigException(where.apply(key) + ": '" + key + "' must be " + kind(expected)
                        + ", got " + describe(value) + " (default: " + expected + ")");
            }
        }
    }

    private static boolean sameKind(JsonNode expected, JsonNode value) {
        if (expected.isIntegralNumber()) {
            return value.isIntegralNumber() && value.canConvertToInt();
        }
        if (expected.isBoolean()) {
            return value.isBoolean();
        }
        if (expected.isTextual()) {
            return value.isTextual();
        }
        if (expected.isArray()) {
            if (!value.isArray()) {
                return false;
            }
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static String kind(JsonNode expected) {
        if (expected.isIntegralNumber()) {
            return "a whole number";
        }
        if (expected.isBoolean()) {
            return "true or false";
        }
        if (expected.isArray()) {
            return "a list of names, like [iot.example.com]";
        }
        return "a text value";
    }

    private static String describe(JsonNode value) {
        if (value.isNull()) {
            return "no value";
        }
        if (value.isTextual()) {
            return "the text \"" + value.asText() + "\"" + (looksLikeANumberOrBoolean(value.asText())
                    ? " (write it without quotes)" : "");
        }
        if (value.isObject()) {
            return "a section";
        }
        if (value.isIntegralNumber() && !value.canConvertToInt()) {
            return value + " (too large)";
        }
        return value.toString();
    }

    private static boolean looksLikeANumberOrBoolean(String text) {
        return text.matches("-?\\d+(\\.\\d+)?") || text.equals("true") || text.equals("false");
    }

    /** "; did you mean 'x'?" for the known key closest to a misspelt one, or nothing when none is close. */
    private String suggestion(String key) {
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : keys) {
            String candidateLeaf = candidate.substring(candidate.lastIndexOf('.') + 1);
            // The whole path counts a little, so that among equal names the same section wins.
            int distance = 4 * EditDistance.between(leaf, candidateLeaf) + (sameSection(key, candidate) ? 0 : 1);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        boolean close = best != null && bestDistance / 4 <= Math.max(2, leaf.length() / 3);
        return close ? "; did you mean '" + best + "'?" : "";
    }

    private static boolean sameSection(String a, String b) {
        int dotA = a.lastIndexOf('.');
        int dotB = b.lastIndexOf('.');
        return a.substring(0, Math.max(0, dotA)).equals(b.substring(0, Math.max(0, dotB)));
    }

    private void collectKeys(JsonNode node, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isObject()) {
                keys.add(prefix + field.getKey()); // a misspelt section gets a suggestion too
                collectKeys(field.getValue(), prefix + field.getKey() + ".");
            } else {
                keys.add(prefix + field.getKey());
            }
        }
    }
}
