package dev.iotcorelocal.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads YAML configuration. A user file is laid over the bundled defaults (the same file as
 * {@code config/iotcore-local.yaml}), so it only needs the keys it changes. Unknown keys and
 * wrong types are errors that name the key.
 */
public final class ConfigLoader {
    static final String DEFAULTS_RESOURCE = "/iotcore-local.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private ConfigLoader() {
    }

    public static BrokerConfig defaults() {
        return bind(defaultTree(), "built-in defaults");
    }

    public static BrokerConfig load(Path file) {
        return load(file, null);
    }

    /**
     * Loads a configuration: the bundled defaults, the file's keys over them (file may be null),
     * then the limits of the chosen profile ({@code profileOverride}, else the file's
     * {@code profile}) with only the file's own {@code limits} keys laid over the preset.
     */
    public static BrokerConfig load(Path file, String profileOverride) {
        ObjectNode user = file == null ? YAML.createObjectNode() : readUserFile(file);
        ObjectNode merged = defaultTree();
        merge(merged, user, "");
        if (profileOverride != null) {
            merged.put("profile", Profile.parse(profileOverride).name().toLowerCase(java.util.Locale.ROOT));
        }
        Profile profile = Profile.parse(merged.get("profile").asText());
        ObjectNode limits = YAML.valueToTree(profile.limits());
        if (user.get("limits") instanceof ObjectNode userLimits) {
            merge(limits, userLimits, "limits.");
        }
        merged.set("limits", limits);
        return bind(merged, file == null ? "built-in defaults" : file.toString());
    }

    private static ObjectNode readUserFile(Path file) {
        JsonNode user;
        try {
            user = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file not found: " + file);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (user == null || user.isMissingNode() || user.isNull()) {
            return YAML.createObjectNode();
        }
        if (!user.isObject()) {
            throw new ConfigException("config file " + file + " must be a YAML mapping of sections");
        }
        return (ObjectNode) user;
    }

    /** The configuration as YAML, for --print-config and the start-up log. */
    public static String toYaml(BrokerConfig config) {
        try {
            return YAML.writeValueAsString(config).replaceFirst("^---\\s*\\n", "");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode defaultTree() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled default configuration missing: " + DEFAULTS_RESOURCE);
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void merge(ObjectNode base, ObjectNode overlay, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = path + field.getKey();
            JsonNode current = base.get(field.getKey());
            if (current == null) {
                throw new ConfigException("unknown configuration key '" + key + "'");
            }
            if (current.isObject()) {
                if (!field.getValue().isObject()) {
                    throw new ConfigException("configuration key '" + key + "' must be a section of keys");
                }
                merge((ObjectNode) current, (ObjectNode) field.getValue(), key + ".");
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

    private static String keyPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static BrokerConfig bind(JsonNode tree, String source) {
        try {
            return YAML.treeToValue(tree, BrokerConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown configuration key '" + e.getPropertyName() + "' in " + source);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException ce) {
                throw new ConfigException(ce.getMessage() + " (" + source + ")");
            }
            String key = e instanceof JsonMappingException mapping ? keyPath(mapping) : "?";
            throw new ConfigException("invalid value for configuration key '" + key + "' in " + source + ": "
                    + e.getOriginalMessage());
        }
    }
}
