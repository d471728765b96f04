package dev.iotcorelocal.rules.sql.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.sql.RuleInput;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code = <> < <= > >=} (spec B1): equality compares numbers numerically, arrays in order and
 * objects by keys; mismatched types are unequal; ordering converts both sides to Decimal. An
 * Undefined side makes the result Undefined.
 */
public final class Comparison implements Expr {
    public enum Op { EQ, NE, LT, LE, GT, GE }

    private final Op op;
    private final Expr left;
    private final Expr right;

    public Comparison(Op op, Expr left, Expr right) {
        this.op = op;
        this.left = left;
        this.right = right;
    }

    @Override
    public JsonNode eval(RuleInput input, JsonNode row) {
        JsonNode a = left.eval(input, row);
        JsonNode b = right.eval(input, row);
        if (Values.isUndefined(a) || Values.isUndefined(b)) {
            return Values.UNDEFINED;
        }
        switch (op) {
            case EQ:
                return Values.bool(equal(a, b));
            case NE:
                return Values.bool(!equal(a, b));
            default:
                break;
        }
        int order;
        if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
            order = Long.compare(a.longValue(), b.longValue());
        } else if (exactAsDouble(a) && exactAsDouble(b)) {
            order = Double.compare(a.doubleValue(), b.doubleValue());
        } else {
            BigDecimal x = Values.toDecimal(a);
            BigDecimal y = Values.toDecimal(b);
            if (x == null || y == null) {
                return Values.UNDEFINED;
            }
            order = x.compareTo(y);
        }
        return Values.bool(switch (op) {
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            default -> order >= 0;
        });
    }

    private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

    /** A double, or an Int a double holds exactly: compared without BigDecimal (the common WHERE temp > 50). */
    private static boolean exactAsDouble(JsonNode value) {
        if (value.isDouble()) {
            return !Double.isNaN(value.doubleValue());
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long v = value.longValue();
            return v > -EXACT_DOUBLE_LIMIT && v < EXACT_DOUBLE_LIMIT;
        }
        return false;
    }

    /** SQL equality of two defined values. */
    public static boolean equal(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
                return a.longValue() == b.longValue();
            }
            if (exactAsDouble(a) && exactAsDouble(b)) {
                return a.doubleValue() == b.doubleValue();
            }
            BigDecimal x = Values.exactDecimal(a);
            BigDecimal y = Values.exactDecimal(b);
            return x != null && y != null && x.compareTo(y) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode other = b.get(entry.getKey());
                if (other == null || !equal(entry.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
