package dev.iotcorelocal.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Base64;
import java.util.List;

/**
 * The message an error action receives (spec B3, AWS's documented shape): one per rule and
 * message, however many of the rule's actions failed.
 */
final class ErrorDocument {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One failed action: AWS's action name, the resource it addressed, and why. */
    record Failure(String failedAction, String failedResource, String errorMessage) {
    }

    private ErrorDocument() {
    }

    static byte[] json(String ruleName, String topic, String traceId, String clientId, byte[] originalPayload,
                       List<Failure> failures) {
        ObjectNode document = MAPPER.createObjectNode();
        document.put("ruleName", ruleName);
        document.put("topic", topic);
        document.put("cloudwatchTraceId", traceId);
        document.put("clientId", clientId);
        document.put("base64OriginalPayload", Base64.getEncoder().encodeToString(originalPayload));
        ArrayNode list = document.putArray("failures");
        for (Failure failure : failures) {
            list.addObject().put("failedAction", failure.failedAction())
                    .put("failedResource", failure.failedResource())
                    .put("errorMessage", failure.errorMessage());
        }
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error document of strings cannot fail to serialise", e);
        }
    }
}
