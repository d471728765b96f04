package dev.iotcorelocal.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Binds a merged configuration tree to the configuration records through their canonical
 * constructors, keys from {@code @JsonProperty}: the reverse of {@link ConfigTree}. ConfigKeys has
 * already refused unknown keys and values of the wrong kind, so what is left is mapping enum names,
 * the records' own range checks (a {@link ConfigException} naming the key) and nulls. A start
 * binds once, and Jackson's bean deserializers took 0.1-0.15 s of it to build (docs/benchmarks.md);
 * ConfigBinderTest pins this binding to Jackson's.
 */
final class ConfigBinder {
    private ConfigBinder() {
    }

    static <T extends Record> T bind(JsonNode tree, Class<T> type) {
        return bind(tree, type, "");
    }

    private static <T extends Record> T bind(JsonNode tree, Class<T> type, String prefix) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            String name = ConfigTree.key(component);
            String key = prefix + name;
            JsonNode node = tree.get(name);
            if (node == null) {
                throw new IllegalStateException("the merged configuration lacks '" + key + "'");
            }
            values[i] = value(node, component.getType(), key);
        }
        try {
            Constructor<T> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused; // a ConfigException from the record's checks, its key first
            }
            throw new IllegalStateException("binding " + type.getSimpleName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
        }
    }

    private static Object value(JsonNode node, Class<?> type, String key) {
        if (type.isRecord()) {
            return bind(node, type.asSubclass(Record.class), key + ".");
        }
        if (node.isNull()) {
            if (type.isPrimitive()) {
                throw new ConfigException("'" + key + "' needs a value");
            }
            return null;
        }
        if (type == int.class) {
            return node.intValue();
        }
        if (type == long.class) {
            return node.longValue();
        }
        if (type == boolean.class) {
            return node.booleanValue();
        }
        if (type == String.class) {
            return node.textValue();
        }
        if (type.isEnum()) {
            return constant(type.asSubclass(Enum.class), node.asText(), key);
        }
        if (type == List.class) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.textValue()));
            return items;
        }
        throw new IllegalStateException("no binding for '" + key + "' of " + type);
    }

    private static Enum<?> constant(Class<? extends Enum> type, String written, String key) {
        for (Enum<?> constant : type.getEnumConstants()) {
            if (ConfigTree.enumName(constant).equals(written.trim())) { // Jackson trims an enum's text too
                return constant;
            }
        }
        String allowed = Stream.of(type.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new ConfigException("'" + key + "' must be one of " + allowed + ", got \"" + written + "\"");
    }
}
