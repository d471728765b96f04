package dev.iotcorelocal.rules.action;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** A SELECT result read as JSON, for the actions whose request depends on its shape. */
public final class PayloadJson {
    /** Big decimals, so a number reaches the service with the digits it was sent with. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private PayloadJson() {
    }

    /** The payload as one JSON value, or null when it is not JSON (binary, text, empty). */
    public static JsonNode parse(byte[] payload) {
        if (payload.length == 0) {
            return null;
        }
        try (var parser = JSON.createParser(payload)) {
            JsonNode tree = JSON.readTree(parser);
            return parser.nextToken() == null ? tree : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
