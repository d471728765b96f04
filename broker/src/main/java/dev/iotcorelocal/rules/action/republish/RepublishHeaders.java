package dev.iotcorelocal.rules.action.republish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.UserProperty;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import dev.iotcorelocal.rules.sql.RuleInput;
import dev.iotcorelocal.rules.sql.SqlParseException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A republish action's MQTT 5 {@code headers} (spec B3), each a substitution template compiled
 * once: contentType, correlationData (base64 text, sent as its bytes), messageExpiry (seconds),
 * payloadFormatIndicator (UNSPECIFIED_BYTES or UTF8_DATA), responseTopic and userProperties. A
 * header that renders empty is left out; one that renders to something MQTT cannot carry fails
 * the action. The republished message carries these headers only, none of the incoming ones.
 */
final class RepublishHeaders {
    static final RepublishHeaders NONE = new RepublishHeaders(null, null, null, null, null, List.of());
    private static final int MAX_LENGTH = 1024;
    private static final int MAX_USER_PROPERTIES = 100;
    private final CompiledTemplate contentType;
    private final CompiledTemplate correlationData;
    private final CompiledTemplate messageExpiry;
    private final CompiledTemplate payloadFormatIndicator;
    private final CompiledTemplate responseTopic;
    private final List<CompiledTemplate[]> userProperties;

    private RepublishHeaders(CompiledTemplate contentType, CompiledTemplate correlationData,
                             CompiledTemplate messageExpiry, CompiledTemplate payloadFormatIndicator,
                             CompiledTemplate responseTopic, List<CompiledTemplate[]> userProperties) {
        this.contentType = contentType;
        this.correlationData = correlationData;
        this.messageExpiry = messageExpiry;
        this.payloadFormatIndicator = payloadFormatIndicator;
        this.responseTopic = responseTopic;
        this.userProperties = userProperties;
    }

    static RepublishHeaders parse(JsonNode headers, ActionEnvironment environment) throws InvalidActionException {
        if (headers == null || headers.isNull()) {
            return NONE;
        }
        if (!headers.isObject()) {
            throw new InvalidActionException("headers must be an object.");
        }
        List<CompiledTemplate[]> properties = new ArrayList<>();
        JsonNode list = headers.get("userProperties");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.isEmpty() || list.size() > MAX_USER_PROPERTIES) {
                throw new InvalidActionException("headers.userProperties must be a list of 1-" + MAX_USER_PROPERTIES
                        + " {key, value} objects.");
            }
            for (int i = 0; i < list.size(); i++) {
                String where = "headers.userProperties[" + i + "]";
                JsonNode entry = list.get(i);
                if (!entry.isObject()) {
                    throw new InvalidActionException(where + " must be a {key, value} object.");
                }
                properties.add(new CompiledTemplate[] {
                        required(entry, "key", where, environment), required(entry, "value", where, environment)});
            }
        }
        return new RepublishHeaders(optional(headers, "contentType", environment),
                optional(headers, "correlationData", environment), optional(headers, "messageExpiry", environment),
                optional(headers, "payloadFormatIndicator", environment), optional(headers, "responseTopic", environment),
                List.copyOf(properties));
    }

    private static CompiledTemplate required(JsonNode entry, String member, String where,
                                             ActionEnvironment environment) throws InvalidActionException {
        CompiledTemplate template = optional(entry, member, where + "." + member, environment);
        if (template == null) {
            throw new InvalidActionException(where + "." + member + " is required.");
        }
        return template;
    }

    private static CompiledTemplate optional(JsonNode headers, String member, ActionEnvironment environment)
            throws InvalidActionException {
        return optional(headers, member, "headers." + member, environment);
    }

    private static CompiledTemplate optional(JsonNode node, String member, String where, ActionEnvironment environment)
            throws InvalidActionException {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidActionException(where + " must be a string.");
        }
        if (value.asText().length() > MAX_LENGTH) {
            throw new InvalidActionException(where + " must be at most " + MAX_LENGTH + " characters.");
        }
        try {
            return environment.template(value.asText());
        } catch (SqlParseException e) {
            throw new InvalidActionException(where + " is not a valid substitution template: " + e.getMessage());
        }
    }

    /** The properties for one message, or ActionFailedException naming the header that cannot be sent. */
    PublishProperties render(RuleInput input) {
        if (this == NONE) {
            return PublishProperties.EMPTY;
        }
        List<UserProperty> users = new ArrayList<>(userProperties.size());
        for (CompiledTemplate[] property : userProperties) {
            users.add(new UserProperty(property[0].render(input), property[1].render(input)));
        }
        String topic = text(responseTopic, input);
        if (topic != null && (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0)) {
            throw new ActionFailedException("headers.responseTopic '" + topic + "' is not a topic name (it has a "
                    + "wildcard).");
        }
        return new PublishProperties(formatIndicator(input), expiry(input), 0, topic, correlation(input), users,
                List.of(), text(contentType, input));
    }

    private static String text(CompiledTemplate template, RuleInput input) {
        if (template == null) {
            return null;
        }
        String value = template.render(input);
        return value.isEmpty() ? null : value;
    }

    private Integer formatIndicator(RuleInput input) {
        String value = text(payloadFormatIndicator, input);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "UNSPECIFIED_BYTES" -> 0;
            case "UTF8_DATA" -> 1;
            default -> throw new ActionFailedException("headers.payloadFormatIndicator must be UNSPECIFIED_BYTES or "
                    + "UTF8_DATA, was '" + value + "'.");
        };
    }

    private Long expiry(RuleInput input) {
        String value = text(messageExpiry, input);
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds < 0 || seconds > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new ActionFailedException("headers.messageExpiry must be a whole number of seconds, was '" + value
                    + "'.");
        }
    }

    private byte[] correlation(RuleInput input) {
        String value = text(correlationData, input);
        if (value == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ActionFailedException("headers.correlationData must be base64, was '" + value + "': "
                    + e.getMessage());
        }
    }
}
