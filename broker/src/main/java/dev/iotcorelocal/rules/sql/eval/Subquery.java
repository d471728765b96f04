package dev.iotcorelocal.rules.sql.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotcorelocal.rules.sql.RuleInput;

/**
 * A nested {@code (SELECT ... FROM array [WHERE ...])} (spec B1, nested queries): the projection
 * of every element the WHERE accepts, as an Array; Undefined when the source is not an Array.
 */
public record Subquery(Projection projection, Expr source, Expr where) implements Expr {
    @Override
    public JsonNode eval(RuleInput input, JsonNode row) {
        JsonNode array = source.eval(input, row);
        if (!array.isArray()) {
            return Values.UNDEFINED;
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode(array.size());
        for (JsonNode element : array) {
            if (where != null && !isTrue(where.eval(input, element))) {
                continue;
            }
            JsonNode value = project(input, element);
            if (!Values.isUndefined(value)) {
                out.add(value);
            }
        }
        return out;
    }

    /** WHERE passes only on Boolean true (spec B1). */
    public static boolean isTrue(JsonNode condition) {
        return condition.isBoolean() && condition.booleanValue();
    }

    private JsonNode project(RuleInput input, JsonNode element) {
        if (projection.isStarOnly()) {
            return element;
        }
        ObjectNode base = null;
        if (projection.hasStar()) {
            if (!element.isObject()) {
                return Values.UNDEFINED;
            }
            // Shallow: no evaluation mutates a node it did not create.
            base = JsonNodeFactory.instance.objectNode().setAll((ObjectNode) element);
        }
        return projection.apply(input, element, base);
    }
}
