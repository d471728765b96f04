package dev.iotcorelocal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The API's JSON rules. Requests: unknown members are ignored (newer SDKs send members this
 * emulator does not know), a wrong type is the client's error (no "12" for a number, no 1 for a
 * string). Responses: absent members are left out, as AWS does; timestamps are epoch seconds,
 * restJson1's default.
 */
public final class Json {
    static final ObjectMapper MAPPER = mapper();

    private Json() {
    }

    private static ObjectMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    /** A timestamp as restJson1 sends it: epoch seconds with milliseconds as a fraction. */
    public static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode readTree(byte[] body) {
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                return MAPPER.createObjectNode();
            }
            if (!tree.isObject()) {
                throw AwsException.invalidRequest("The request body must be a JSON object.");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw AwsException.invalidRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw AwsException.invalidRequest("The request body cannot be read: " + e.getMessage());
        }
    }

    static <T> T bind(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof AwsException aws) {
                throw aws; // a validating constructor's own refusal
            }
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw AwsException.invalidRequest(invalid.getMessage());
            }
            throw AwsException.invalidRequest("Invalid value for '" + path(e) + "': " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw AwsException.invalidRequest("The request body is not valid: " + e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(body)" : path.toString();
    }
}
