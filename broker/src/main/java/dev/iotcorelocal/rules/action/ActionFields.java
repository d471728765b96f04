package dev.iotcorelocal.rules.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import dev.iotcorelocal.rules.sql.SqlParseException;

import java.util.Set;

/**
 * Reads one action's JSON object the way CreateTopicRule validates it: each refusal names the
 * action key and the field ({@code sqs.queueUrl is required}), so the developer sees which
 * part of a rule AWS would have refused.
 */
public final class ActionFields {
    private final String actionKey;
    private final JsonNode spec;
    private final ActionEnvironment environment;

    public ActionFields(String actionKey, JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        if (spec == null || !spec.isObject()) {
            throw new InvalidActionException(actionKey + " must be a JSON object");
        }
        this.actionKey = actionKey;
        this.spec = spec;
        this.environment = environment;
    }

    public ActionEnvironment environment() {
        return environment;
    }

    /** A nested object such as {@code dynamoDBv2.putItem}, read with the same rules. */
    public ActionFields object(String name) throws InvalidActionException {
        JsonNode value = spec.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidActionException(path(name) + " is required");
        }
        if (!value.isObject()) {
            throw new InvalidActionException(path(name) + " must be a JSON object");
        }
        return new ActionFields(path(name), value, environment);
    }

    public String requiredString(String name) throws InvalidActionException {
        String value = optionalString(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidActionException(path(name) + " is required");
        }
        return value;
    }

    /** The text, or null when the field is absent or JSON null. */
    public String optionalString(String name) throws InvalidActionException {
        JsonNode value = spec.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidActionException(path(name) + " must be a string");
        }
        return value.textValue();
    }

    public boolean optionalBoolean(String name, boolean absent) throws InvalidActionException {
        JsonNode value = spec.get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new InvalidActionException(path(name) + " must be true or false");
        }
        return value.booleanValue();
    }

    /** One of AWS's enum values, exactly as AWS spells them; {@code absent} when the field is missing. */
    public String optionalEnum(String name, Set<String> allowed, String absent) throws InvalidActionException {
        String value = optionalString(name);
        if (value == null) {
            return absent;
        }
        if (!allowed.contains(value)) {
            throw new InvalidActionException(path(name) + " must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + ", not '" + value + "'");
        }
        return value;
    }

    public CompiledTemplate requiredTemplate(String name) throws InvalidActionException {
        return template(name, requiredString(name));
    }

    /** The compiled template, or null when the field is absent. */
    public CompiledTemplate optionalTemplate(String name) throws InvalidActionException {
        String text = optionalString(name);
        return text == null ? null : template(name, text);
    }

    /** The raw JSON of a field, or null: for lists such as {@code http.headers}. */
    public JsonNode node(String name) {
        JsonNode value = spec.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public CompiledTemplate template(String name, String text) throws InvalidActionException {
        try {
            return environment.template(text);
        } catch (SqlParseException e) {
            throw new InvalidActionException(path(name) + ": " + e.getMessage());
        }
    }

    public String path(String name) {
        return actionKey + "." + name;
    }
}
