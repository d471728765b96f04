package dev.iotcorelocal.rules.sql.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotcorelocal.rules.sql.RuleInput;

import java.util.List;

/** The leaves and literals of an expression tree: constants, {@code *}, attribute paths, object and array literals. */
public final class Terms {
    private Terms() { }

    public record Literal(JsonNode value) implements Expr {
        @Override
        public JsonNode eval(RuleInput input, JsonNode row) {
            return value;
        }

        @Override
        public JsonNode constant() {
            return value;
        }
    }

    /** {@code *} as a function argument: the whole payload, as JSON when it is JSON, else its bytes. */
    public record Star() implements Expr {
        @Override
        public JsonNode eval(RuleInput input, JsonNode row) {
            JsonNode json = input.json();
            return json != null ? json : BinaryNode.valueOf(input.payload());
        }
    }

    /** An attribute name, read from the current row. */
    public record Attribute(String name) implements Expr {
        @Override
        public JsonNode eval(RuleInput input, JsonNode row) {
            JsonNode value = row.isObject() ? row.get(name) : null;
            return value == null ? Values.UNDEFINED : value;
        }
    }

    /** {@code base.name}: Undefined unless base is an Object with that key. */
    public record Field(Expr base, String name) implements Expr {
        @Override
        public JsonNode eval(RuleInput input, JsonNode row) {
            JsonNode object = base.eval(input, row);
            JsonNode value = object.isObject() ? object.get(name) : null;
            return value == null ? Values.UNDEFINED : value;
        }
    }

    /** {@code {'k': expr, ...}}: Undefined values are left out, as in any serialized Object. */
    public record ObjectLiteral(List<String> keys, List<Expr> values) implements Expr {
        @Override
        public JsonNode eval(RuleInput input, JsonNode row) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < keys.size(); i++) {
                JsonNode value = values.get(i).eval(input, row);
                if (!Values.isUndefined(value)) {
                    object.set(keys.get(i), value);
                }
            }
            return object;
        }
    }

    /** {@code [a, b]}: PROPOSED an Undefined element is left out (it has no JSON form). */
    public record ArrayLiteral(List<Expr> elements) implements Expr {
        @Override
        public JsonNode eval(RuleInput input, JsonNode row) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode(elements.size());
            for (Expr element : elements) {
                JsonNode value = element.eval(input, row);
                if (!Values.isUndefined(value)) {
                    array.add(value);
                }
            }
            return array;
        }
    }

    /**
     * {@code CASE v WHEN t THEN r ... [ELSE e] END} (spec B1): the first WHEN equal to v wins; an
     * Undefined v, or no match without ELSE, is Undefined.
     */
    public record Case(Expr operand, List<Expr> whens, List<Expr> thens, Expr otherwise) implements Expr {
        @Override
        public JsonNode eval(RuleInput input, JsonNode row) {
            JsonNode value = operand.eval(input, row);
            if (Values.isUndefined(value)) {
                return Values.UNDEFINED;
            }
            for (int i = 0; i < whens.size(); i++) {
                JsonNode candidate = whens.get(i).eval(input, row);
                if (!Values.isUndefined(candidate) && Comparison.equal(value, candidate)) {
                    return thens.get(i).eval(input, row);
                }
            }
            return otherwise == null ? Values.UNDEFINED : otherwise.eval(input, row);
        }
    }
}
