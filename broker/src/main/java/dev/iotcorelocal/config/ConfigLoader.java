package dev.iotcorelocal.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads YAML configuration. A user file is laid over the bundled defaults (the same file as
 * {@code config/iotcore-local.yaml}), so it only needs the keys it changes; the limits come from
 * the chosen profile, with only the keys a file or option sets laid over them. Every refusal
 * names the file and line (or option), the key and what was expected.
 */
public final class ConfigLoader {
    static final String DEFAULTS_RESOURCE = "/iotcore-local.yaml";
    private static final String LIMITS = "limits";
    /** Parses the YAML; its binding settings are the Jackson binding ConfigBinderTest holds ConfigBinder to. */
    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)   // 9999.7 is not a port
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)      // nor is "500" a number
            .build();

    private ConfigLoader() {
    }

    public static BrokerConfig defaults() {
        return load(null, List.of()).config();
    }

    public static BrokerConfig load(Path file) {
        return load(file, List.of()).config();
    }

    /** The file (may be null) with the profile {@code profileOverride} (may be null) chosen over the file's. */
    public static BrokerConfig load(Path file, String profileOverride) {
        List<ConfigOverride> overrides = profileOverride == null ? List.of()
                : List.of(new ConfigOverride("profile", YAML.getNodeFactory().textNode(profileOverride), "option --profile"));
        return load(file, overrides).config();
    }

    /**
     * Loads a configuration: the bundled defaults, the file's keys over them (file may be null),
     * the overrides over those; then the limits of the resulting profile with only the file's and
     * the overrides' own {@code limits} keys laid over the preset.
     */
    public static LoadedConfig load(Path file, List<ConfigOverride> overrides) {
        ObjectNode defaults = defaultTree();
        ConfigKeys keys = new ConfigKeys(withLimits(defaults.deepCopy(), LimitsConfig.aws()));
        ConfigFile user = file == null ? null : ConfigFile.read(file, YAML);
        Map<String, String> overrideOrigins = overrides.stream()
                .collect(Collectors.toMap(ConfigOverride::key, ConfigOverride::origin, (a, b) -> b));
        ObjectNode overrideTree = overrideTree(overrides);
        Function<String, String> fileOrigin = user == null ? key -> "default" : user::where;
        Function<String, String> overrideOrigin = key -> overrideOrigins.getOrDefault(key, "option");
        if (user != null) {
            keys.check(user.tree(), fileOrigin);
        }
        keys.check(overrideTree, overrideOrigin);

        Map<String, String> origins = new HashMap<>();
        ObjectNode merged = defaults;
        JsonNode userLimits = user == null ? null : user.tree().remove(LIMITS);
        JsonNode overrideLimits = overrideTree.remove(LIMITS);
        if (user != null) {
            overlay(merged, user.tree(), "", fileOrigin, origins);
        }
        overlay(merged, overrideTree, "", overrideOrigin, origins);

        Profile profile = profile(merged.get("profile").asText(), origins.getOrDefault("profile", "default"));
        ObjectNode limits = ConfigTree.of(profile.limits());
        limits.fieldNames().forEachRemaining(key -> origins.put(LIMITS + "." + key,
                "profile " + profile.name().toLowerCase(Locale.ROOT)));
        if (userLimits instanceof ObjectNode section) {
            overlay(limits, section, LIMITS + ".", fileOrigin, origins);
        }
        if (overrideLimits instanceof ObjectNode section) {
            overlay(limits, section, LIMITS + ".", overrideOrigin, origins);
        }
        merged.set(LIMITS, limits);
        return new LoadedConfig(bind(merged, origins, file), origins);
    }

    private static Profile profile(String name, String origin) {
        try {
            return Profile.parse(name);
        } catch (ConfigException e) {
            throw new ConfigException(origin + ": " + e.getMessage());
        }
    }

    /** The bundled defaults, whose limits section is left to the profile (commented out in the file). */
    private static ObjectNode defaultTree() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled default configuration missing: " + DEFAULTS_RESOURCE);
            }
            ObjectNode tree = (ObjectNode) YAML.readTree(in);
            JsonNode limits = tree.remove(LIMITS);
            if (limits != null && !limits.isNull() && !limits.isEmpty()) {
                // A set limit in the shipped file would survive every copy of it and defeat "profile: relaxed".
                throw new IllegalStateException(DEFAULTS_RESOURCE + " must leave the limits to the profile");
            }
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode withLimits(ObjectNode tree, LimitsConfig limits) {
        tree.set(LIMITS, ConfigTree.of(limits));
        return tree;
    }

    private static ObjectNode overrideTree(List<ConfigOverride> overrides) {
        ObjectNode tree = YAML.createObjectNode();
        for (ConfigOverride override : overrides) {
            String[] parts = override.key().split("\\.");
            ObjectNode section = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                section = section.with(parts[i]);
            }
            section.set(parts[parts.length - 1], override.value());
        }
        return tree;
    }

    /** Lays overlay's keys over base (both already checked against the known keys), noting each value's origin. */
    private static void overlay(ObjectNode base, ObjectNode overlay, String prefix, Function<String, String> origin,
                                Map<String, String> origins) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            if (field.getValue().isObject()) {
                overlay((ObjectNode) base.get(field.getKey()), (ObjectNode) field.getValue(), key + ".", origin, origins);
            } else if (!field.getValue().isNull()) {
                base.set(field.getKey(), field.getValue());
                origins.put(key, origin.apply(key));
            }
        }
    }

    private static BrokerConfig bind(JsonNode tree, Map<String, String> origins, Path file) {
        try {
            return ConfigBinder.bind(tree, BrokerConfig.class);
        } catch (ConfigException refused) {
            // Every refusal starts with its key (quoted or not): say where that value came from.
            String key = refused.getMessage().split(" ", 2)[0].replace("'", "");
            String origin = origins.get(key);
            String where = origin != null ? origin : file != null ? file.toString() : "default";
            throw new ConfigException(where + ": " + refused.getMessage());
        }
    }
}
