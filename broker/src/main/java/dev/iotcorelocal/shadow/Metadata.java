package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The metadata tree of a value: it mirrors the value, every leaf becoming {@code {"timestamp":T}}
 * and an array becoming an array of its elements' metadata (AWS's example: {@code [128,128,128]}
 * gets three timestamps; an object element gets its own tree). One timestamp node is shared by
 * every leaf of an update: nodes are never mutated once built.
 */
final class Metadata {
    private Metadata() {
    }

    static ObjectNode timestamp(long epochSeconds) {
        ObjectNode node = ShadowJson.object();
        node.put("timestamp", epochSeconds);
        return node;
    }

    static JsonNode of(JsonNode value, ObjectNode timestamp) {
        if (value.isObject()) {
            ObjectNode tree = ShadowJson.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                tree.set(field.getKey(), of(field.getValue(), timestamp));
            }
            return tree;
        }
        if (value.isArray()) {
            ArrayNode array = ShadowJson.NODES.arrayNode(value.size());
            for (JsonNode element : value) {
                array.add(of(element, timestamp));
            }
            return array;
        }
        return timestamp;
    }
}
