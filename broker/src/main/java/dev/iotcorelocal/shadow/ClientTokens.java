package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The request's {@code clientToken}: a string of at most 64 UTF-8 bytes, echoed in every answer. */
final class ClientTokens {
    private ClientTokens() {
    }

    /** The token when valid, else null: what a refusal for another reason may echo. */
    static String lenient(ObjectNode root) {
        JsonNode token = root.get("clientToken");
        return token != null && token.isTextual() && valid(token.textValue()) ? token.textValue() : null;
    }

    /** The token, null when absent, 400 Invalid clientToken when not a string or too long. */
    static String strict(ObjectNode root) {
        JsonNode token = root.get("clientToken");
        if (token == null || token.isNull()) {
            return null;
        }
        if (!token.isTextual() || !valid(token.textValue())) {
            throw ShadowRejection.badRequest(ShadowRejection.INVALID_CLIENT_TOKEN, null);
        }
        return token.textValue();
    }

    /** For {@code /get} and {@code /delete}, whose payload is otherwise ignored, and a request refused unread (429): a token if one can be read. */
    static String ofIgnoredPayload(byte[] payload) {
        if (payload.length == 0 || payload[0] != '{' && !Character.isWhitespace(payload[0])) {
            return null;
        }
        try {
            return lenient(UpdateRequest.object(payload));
        } catch (ShadowRejection notJson) {
            return null;
        }
    }

    private static boolean valid(String token) {
        return ShadowDocument.utf8Length(token) <= ShadowLimits.MAX_CLIENT_TOKEN_BYTES;
    }
}
