package dev.iotcorelocal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.UserProperty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The MQTT 5 properties of an iot-data Publish, where the model puts them: query parameters
 * {@code contentType}, {@code responseTopic}, {@code messageExpiry}; headers
 * {@code x-amz-mqtt5-payload-format-indicator} (UNSPECIFIED_BYTES | UTF8_DATA),
 * {@code x-amz-mqtt5-correlation-data} (base64) and {@code x-amz-mqtt5-user-properties} (base64 of a
 * JSON array of objects, {@code [{"deviceName":"alpha"},{"deviceCnt":"45"}]}, each member one
 * property, in order). Anything malformed is InvalidRequestException naming the parameter.
 */
final class HttpPublishProperties {
    static final String USER_PROPERTIES = "x-amz-mqtt5-user-properties";
    static final String PAYLOAD_FORMAT = "x-amz-mqtt5-payload-format-indicator";
    static final String CORRELATION_DATA = "x-amz-mqtt5-correlation-data";
    private static final long MAX_EXPIRY = 0xFFFF_FFFFL; // MQTT's four-byte interval; AWS clamps it further

    private HttpPublishProperties() {
    }

    static PublishProperties of(ApiRequest request) {
        String responseTopic = request.query("responseTopic");
        if (responseTopic != null && (responseTopic.isEmpty() || responseTopic.indexOf('+') >= 0
                || responseTopic.indexOf('#') >= 0)) {
            throw AwsException.invalidRequest("responseTopic must be a topic name without wildcards.");
        }
        return new PublishProperties(payloadFormat(request.header(PAYLOAD_FORMAT)),
                request.queryLong("messageExpiry", 0, MAX_EXPIRY), 0, responseTopic,
                base64(request.header(CORRELATION_DATA), CORRELATION_DATA),
                userProperties(request.header(USER_PROPERTIES)), List.of(), request.query("contentType"));
    }

    private static Integer payloadFormat(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "UNSPECIFIED_BYTES" -> 0;
            case "UTF8_DATA" -> 1;
            default -> throw AwsException.invalidRequest(PAYLOAD_FORMAT + " must be UNSPECIFIED_BYTES or UTF8_DATA, was '"
                    + value + "'.");
        };
    }

    private static byte[] base64(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw AwsException.invalidRequest(name + " must be base64: " + e.getMessage());
        }
    }

    static List<UserProperty> userProperties(String header) {
        if (header == null) {
            return List.of();
        }
        String json = new String(base64(header, USER_PROPERTIES), StandardCharsets.UTF_8);
        JsonNode array;
        try {
            array = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw AwsException.invalidRequest(USER_PROPERTIES + " must be base64 of a JSON array: "
                    + e.getOriginalMessage());
        }
        if (array == null || !array.isArray()) {
            throw AwsException.invalidRequest(USER_PROPERTIES + " must be base64 of a JSON array of objects.");
        }
        List<UserProperty> properties = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isObject()) {
                throw AwsException.invalidRequest(USER_PROPERTIES + " must be base64 of a JSON array of objects.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = element.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isTextual()) {
                    throw AwsException.invalidRequest(USER_PROPERTIES + ": the value of '" + field.getKey()
                            + "' must be a string.");
                }
                properties.add(new UserProperty(field.getKey(), field.getValue().asText()));
            }
        }
        return properties;
    }

    /** User properties as iot-data returns them: base64 of the JSON array, or null when there are none. */
    static String encode(List<UserProperty> properties) {
        if (properties.isEmpty()) {
            return null;
        }
        List<Map<String, String>> array = new ArrayList<>();
        for (UserProperty property : properties) {
            array.add(Map.of(property.name(), property.value()));
        }
        return Base64.getEncoder().encodeToString(Json.write(array));
    }
}
