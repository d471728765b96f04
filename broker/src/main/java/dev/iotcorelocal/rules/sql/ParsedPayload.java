package dev.iotcorelocal.rules.sql;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** A payload parsed once: its JSON tree, or null when it is not one JSON value (spec B1, non-JSON payloads). */
record ParsedPayload(JsonNode json) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ParsedPayload of(byte[] payload) {
        if (payload.length == 0) {
            return new ParsedPayload(null);
        }
        try (JsonParser parser = MAPPER.createParser(payload)) {
            JsonNode tree = MAPPER.readTree(parser);
            // Trailing bytes after one value make it not JSON, as for AWS.
            return new ParsedPayload(parser.nextToken() == null ? tree : null);
        } catch (IOException notJson) {
            return new ParsedPayload(null);
        }
    }
}
