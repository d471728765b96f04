package dev.iotcorelocal.rules.sql.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.sql.RuleInput;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * {@code + - * / %} and unary minus with AWS's coercion (spec B1): {@code +} concatenates when
 * either side is a String; the others convert numeric strings; Int∘Int stays Int ({@code /}
 * truncates toward zero); anything else, or division by zero, is Undefined.
 */
public final class Arithmetic implements Expr {
    public enum Op { ADD, SUBTRACT, MULTIPLY, DIVIDE, REMAINDER }

    private final Op op;
    private final Expr left;
    private final Expr right;
    private final boolean wholeAsInt;

    public Arithmetic(Op op, Expr left, Expr right, boolean wholeAsInt) {
        this.op = op;
        this.left = left;
        this.right = right;
        this.wholeAsInt = wholeAsInt;
    }

    @Override
    public JsonNode eval(RuleInput input, JsonNode row) {
        JsonNode a = left.eval(input, row);
        JsonNode b = right.eval(input, row);
        return apply(op, a, b, wholeAsInt);
    }

    public static JsonNode apply(Op op, JsonNode a, JsonNode b, boolean wholeAsInt) {
        if (Values.isUndefined(a) || Values.isUndefined(b)) {
            return Values.UNDEFINED;
        }
        if (op == Op.ADD) {
            if (a.isTextual() || b.isTextual()) {
                String x = Values.toText(a, wholeAsInt);
                String y = Values.toText(b, wholeAsInt);
                return x == null || y == null ? Values.UNDEFINED : Values.text(x.concat(y));
            }
            if (!a.isNumber() || !b.isNumber()) {
                return Values.UNDEFINED;
            }
        }
        if (op != Op.ADD && (!isNumeric(a) || !isNumeric(b))) {
            return Values.UNDEFINED;
        }
        if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
            JsonNode fast = longs(op, a.longValue(), b.longValue());
            if (fast != null) {
                return fast;
            }
        }
        BigDecimal x = Values.toDecimal(a);
        BigDecimal y = Values.toDecimal(b);
        if (x == null || y == null) {
            return Values.UNDEFINED;
        }
        boolean ints = Values.convertsToInt(a, wholeAsInt) && Values.convertsToInt(b, wholeAsInt);
        return ints ? bigIntegers(op, x.toBigInteger(), y.toBigInteger()) : decimals(op, x, y, wholeAsInt);
    }

    private static boolean isNumeric(JsonNode value) {
        return value.isNumber() || (value.isTextual() && Values.toDecimal(value) != null);
    }

    /** Int∘Int in longs; null on overflow (the BigInteger path then answers). */
    private static JsonNode longs(Op op, long x, long y) {
        try {
            return switch (op) {
                case ADD -> Values.integer(BigInteger.valueOf(Math.addExact(x, y)));
                case SUBTRACT -> Values.integer(BigInteger.valueOf(Math.subtractExact(x, y)));
                case MULTIPLY -> Values.integer(BigInteger.valueOf(Math.multiplyExact(x, y)));
                case DIVIDE -> y == 0 ? Values.UNDEFINED
                        : (x == Long.MIN_VALUE && y == -1 ? null : Values.integer(BigInteger.valueOf(x / y)));
                case REMAINDER -> y == 0 ? Values.UNDEFINED : Values.integer(BigInteger.valueOf(x % y));
            };
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    private static JsonNode bigIntegers(Op op, BigInteger x, BigInteger y) {
        if ((op == Op.DIVIDE || op == Op.REMAINDER) && y.signum() == 0) {
            return Values.UNDEFINED;
        }
        return Values.integer(switch (op) {
            case ADD -> x.add(y);
            case SUBTRACT -> x.subtract(y);
            case MULTIPLY -> x.multiply(y);
            case DIVIDE -> x.divide(y);
            case REMAINDER -> x.remainder(y);
        });
    }

    private static JsonNode decimals(Op op, BigDecimal x, BigDecimal y, boolean wholeAsInt) {
        if ((op == Op.DIVIDE || op == Op.REMAINDER) && y.signum() == 0) {
            return Values.UNDEFINED;
        }
        try {
            return Values.decimal(switch (op) {
                case ADD -> x.add(y, Values.MATH);
                case SUBTRACT -> x.subtract(y, Values.MATH);
                case MULTIPLY -> x.multiply(y, Values.MATH);
                case DIVIDE -> x.divide(y, Values.MATH);
                case REMAINDER -> x.remainder(y, Values.MATH);
            }, wholeAsInt);
        } catch (ArithmeticException outOfRange) {
            return Values.UNDEFINED;
        }
    }

    /** Unary minus: numbers and numeric strings. */
    public record Negate(Expr operand, boolean wholeAsInt) implements Expr {
        @Override
        public JsonNode eval(RuleInput input, JsonNode row) {
            JsonNode value = operand.eval(input, row);
            if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() != Long.MIN_VALUE) {
                return Values.integer(BigInteger.valueOf(-value.longValue()));
            }
            BigDecimal decimal = Values.isUndefined(value) ? null : Values.toDecimal(value);
            if (decimal == null) {
                return Values.UNDEFINED;
            }
            return Values.convertsToInt(value, wholeAsInt) ? Values.integer(decimal.toBigInteger().negate())
                    : Values.decimal(decimal.negate(), wholeAsInt);
        }
    }
}
