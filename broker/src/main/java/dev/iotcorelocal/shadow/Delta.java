package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/**
 * The delta: every {@code desired} value that {@code reported} lacks or holds differently, with
 * the path to it and the desired metadata of the same paths. Objects recurse (only differing
 * leaves appear), arrays compare whole, a type mismatch copies the desired value whole, and
 * numbers compare by value (1 equals 1.0). Keys reported only never appear.
 */
final class Delta {
    /** Numbers by value, everything else as Jackson compares it. */
    private static final Comparator<JsonNode> VALUES = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    private Delta() {
    }

    /** The delta, or null when desired and reported agree (or there is no desired state). */
    static Section of(Section desired, ObjectNode reported) {
        if (desired == null) {
            return null;
        }
        return delta(desired.state(), desired.metadata(), reported);
    }

    private static Section delta(ObjectNode desired, ObjectNode metadata, ObjectNode reported) {
        ObjectNode state = null;
        ObjectNode deltaMetadata = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode want = field.getValue();
            JsonNode have = reported == null ? null : reported.get(key);
            JsonNode value;
            JsonNode valueMetadata;
            if (have != null && want.isObject() && have.isObject()) {
                JsonNode childMetadata = metadata.get(key);
                Section child = delta((ObjectNode) want,
                        childMetadata instanceof ObjectNode m ? m : ShadowJson.object(), (ObjectNode) have);
                if (child == null) {
                    continue;
                }
                value = child.state();
                valueMetadata = child.metadata();
            } else if (have == null || !want.equals(VALUES, have)) {
                value = want;
                valueMetadata = metadata.get(key);
            } else {
                continue;
            }
            if (state == null) {
                state = ShadowJson.object();
                deltaMetadata = ShadowJson.object();
            }
            state.set(key, value);
            if (valueMetadata != null) {
                deltaMetadata.set(key, valueMetadata);
            }
        }
        return state == null ? null : new Section(state, deltaMetadata);
    }
}
