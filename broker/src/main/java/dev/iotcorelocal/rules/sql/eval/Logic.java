package dev.iotcorelocal.rules.sql.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.sql.RuleInput;

/** {@code AND OR NOT} over Booleans and the strings "true"/"false" (spec B1); any other operand is Undefined. */
public final class Logic {
    private Logic() { }

    public record And(Expr left, Expr right) implements Expr {
        @Override
        public JsonNode eval(RuleInput input, JsonNode row) {
            Boolean a = Values.toBoolean(left.eval(input, row));
            Boolean b = Values.toBoolean(right.eval(input, row));
            return a == null || b == null ? Values.UNDEFINED : Values.bool(a && b);
        }
    }

    public record Or(Expr left, Expr right) implements Expr {
        @Override
        public JsonNode eval(RuleInput input, JsonNode row) {
            Boolean a = Values.toBoolean(left.eval(input, row));
            Boolean b = Values.toBoolean(right.eval(input, row));
            return a == null || b == null ? Values.UNDEFINED : Values.bool(a || b);
        }
    }

    public record Not(Expr operand) implements Expr {
        @Override
        public JsonNode eval(RuleInput input, JsonNode row) {
            Boolean value = Values.toBoolean(operand.eval(input, row));
            return value == null ? Values.UNDEFINED : Values.bool(!value);
        }
    }
}
