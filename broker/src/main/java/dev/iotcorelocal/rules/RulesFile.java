package dev.iotcorelocal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The start-up rules file (YAML, or JSON, which YAML reads): a list of
 * {@code {ruleName, topicRulePayload}} entries (or {@code rules:} holding that list), the payload
 * exactly as CreateTopicRule takes it. CloudFormation's PascalCase ({@code RuleName},
 * {@code TopicRulePayload}, {@code Sql}, {@code Republish: {Topic}}, ...) is read too: every key
 * starting with a capital gets a small first letter. Rules are created through
 * {@link TopicRules}, so the file is held to the API's checks; the first invalid rule stops the
 * start with its name and the problem (a SQL error with its line and column).
 */
public final class RulesFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file cannot be read or one of its rules is invalid; the message says which and why. */
    public static final class RulesFileException extends Exception {
        RulesFileException(String message) {
            super(message);
        }
    }

    private RulesFile() {
    }

    /** Creates every rule of the file; returns how many. */
    public static int apply(Path file, TopicRules rules) throws RulesFileException {
        JsonNode root = camelCase(read(file));
        JsonNode entries = root.isObject() && root.has("rules") ? root.get("rules") : root;
        if (entries.isObject()) {
            entries = JsonNodeFactory.instance.arrayNode().add(entries);
        }
        if (!entries.isArray()) {
            throw new RulesFileException("rules file " + file + " must be a list of {ruleName, topicRulePayload} "
                    + "entries");
        }
        int index = 0;
        for (JsonNode entry : entries) {
            JsonNode name = entry.get("ruleName");
            String label = name != null && name.isTextual() ? "rule '" + name.asText() + "'" : "entry " + index;
            JsonNode payload = entry.get("topicRulePayload");
            if (name == null || !name.isTextual() || payload == null) {
                throw new RulesFileException("rules file " + file + ", " + label
                        + ": each entry needs ruleName and topicRulePayload");
            }
            try {
                rules.create(name.asText(), payload, size(payload));
            } catch (RuleException e) {
                throw new RulesFileException("rules file " + file + ", " + label + ": " + errorType(e) + ": "
                        + e.getMessage());
            }
            index++;
        }
        return index;
    }

    private static String errorType(RuleException e) {
        return switch (e.kind()) {
            case SQL_PARSE -> "SqlParseException";
            case ALREADY_EXISTS -> "ResourceAlreadyExistsException (the file names it twice)";
            case LIMIT_EXCEEDED -> "LimitExceededException";
            case INVALID, NOT_FOUND -> "InvalidRequestException";
        };
    }

    private static int size(JsonNode payload) {
        try {
            return JSON.writeValueAsBytes(payload).length;
        } catch (IOException e) {
            throw new IllegalStateException("a parsed tree cannot fail to serialise", e);
        }
    }

    private static JsonNode read(Path file) throws RulesFileException {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RulesFileException("rules file not found: " + file);
        } catch (IOException e) {
            throw new RulesFileException("cannot read rules file " + file + ": " + e.getMessage());
        }
        try {
            JsonNode root = YAML.readTree(content);
            return root == null || root.isMissingNode() || root.isNull() ? JsonNodeFactory.instance.arrayNode() : root;
        } catch (IOException e) {
            throw new RulesFileException("rules file " + file + " is not valid YAML or JSON: " + e.getMessage());
        }
    }

    /** CloudFormation's PascalCase keys as the API's camelCase ({@code DynamoDBv2} becomes {@code dynamoDBv2}). */
    static JsonNode camelCase(JsonNode node) {
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(camelCase(item)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String camel = key.isEmpty() || !Character.isUpperCase(key.charAt(0)) ? key
                    : Character.toLowerCase(key.charAt(0)) + key.substring(1);
            copy.set(camel, camelCase(field.getValue()));
        }
        return copy;
    }
}
