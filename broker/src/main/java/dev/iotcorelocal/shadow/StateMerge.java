package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * AWS's partial update of one section: objects merge recursively, a null member removes the key,
 * anything else (arrays included) replaces the stored value whole, and its metadata becomes the
 * update's timestamp. Copy-on-write: only the objects on changed paths are copied, so the stored
 * document stays untouched and unchanged subtrees are shared. Keys keep their stored position;
 * new keys follow in the request's order. An object left empty is removed (a section that
 * becomes empty is dropped, as AWS drops {@code desired} once it has no state).
 */
final class StateMerge {
    private StateMerge() {
    }

    /** The merged section, or null when nothing is left in it. */
    static Section merge(Section stored, ObjectNode update, ObjectNode timestamp) {
        ObjectNode state = ShadowJson.object();
        ObjectNode metadata = ShadowJson.object();
        if (stored != null) {
            state.setAll(stored.state());
            metadata.setAll(stored.metadata());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = update.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                state.remove(key);
                metadata.remove(key);
            } else if (value.isObject()) {
                Section merged = merge(storedChild(state, metadata, key), (ObjectNode) value, timestamp);
                if (merged == null) {
                    state.remove(key);
                    metadata.remove(key);
                } else {
                    state.set(key, merged.state());
                    metadata.set(key, merged.metadata());
                }
            } else {
                state.set(key, value);
                metadata.set(key, Metadata.of(value, timestamp));
            }
        }
        return state.isEmpty() ? null : new Section(state, metadata);
    }

    /** The stored object under key to merge into, or null when there is none (or a value that is no object). */
    private static Section storedChild(ObjectNode state, ObjectNode metadata, String key) {
        JsonNode child = state.get(key);
        if (child == null || !child.isObject()) {
            return null;
        }
        JsonNode childMetadata = metadata.get(key);
        return new Section((ObjectNode) child,
                childMetadata instanceof ObjectNode m ? m : ShadowJson.object());
    }
}
