package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * A configuration record as the tree Jackson would write for it (keys from {@code @JsonProperty},
 * in declaration order), built from the record components directly. A start needs the tree of the
 * limits and, at INFO, of the whole configuration: Jackson's own serialisation would build a
 * serializer per record, 0.1-0.2 s of a start that otherwise never serialises a bean.
 * ConfigTreeTest pins it to Jackson's output.
 */
final class ConfigTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigTree() {
    }

    static ObjectNode of(Record config) {
        ObjectNode tree = NODES.objectNode();
        for (RecordComponent component : config.getClass().getRecordComponents()) {
            tree.set(key(component), node(value(component, config)));
        }
        return tree;
    }

    /** The component's key; {@code @JsonProperty} cannot target a record component: Java copies it to the accessor. */
    static String key(RecordComponent component) {
        return component.getAccessor().getAnnotation(JsonProperty.class).value();
    }

    private static Object value(RecordComponent component, Record config) {
        try {
            return component.getAccessor().invoke(config);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    private static JsonNode node(Object value) {
        if (value instanceof Record nested) {
            return of(nested);
        }
        if (value instanceof Enum<?> constant) {
            return NODES.textNode(enumName(constant));
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(node(element)));
            return array;
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value == null) {
            return NODES.nullNode();
        }
        throw new IllegalArgumentException("no tree for a configuration value of " + value.getClass());
    }

    static String enumName(Enum<?> constant) {
        try {
            JsonProperty name = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return name != null ? name.value() : constant.name();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
