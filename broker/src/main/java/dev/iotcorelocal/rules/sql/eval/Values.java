package dev.iotcorelocal.rules.sql.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.regex.Pattern;

/**
 * AWS IoT SQL's value model on Jackson nodes (spec B1, types): MissingNode is Undefined, integral
 * nodes are Int, floating nodes are Decimal (34 digits, {@link #MATH}). Under 2016-03-23 a whole
 * Decimal such as 10.0 is an Int; the {@code whole} flag of each conversion says which version asks.
 */
public final class Values {
    public static final JsonNode UNDEFINED = MissingNode.getInstance();
    public static final MathContext MATH = MathContext.DECIMAL128;
    private static final Pattern NUMERIC = Pattern.compile("^-?\\d+(\\.\\d+)?((?i)E-?\\d+)?$");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Values() { }

    public static boolean isUndefined(JsonNode value) {
        return value == null || value.isMissingNode();
    }

    public static JsonNode bool(boolean value) {
        return BooleanNode.valueOf(value);
    }

    public static JsonNode text(String value) {
        return value == null ? UNDEFINED : TextNode.valueOf(value);
    }

    /** An Int node, long-sized when it fits. */
    public static JsonNode integer(BigInteger value) {
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            return LongNode.valueOf(value.longValue());
        }
        return BigIntegerNode.valueOf(value);
    }

    /**
     * AWS's Decimal range: magnitudes up to 9.999...E999 (so a hostile "1E999999999" never becomes
     * a billion-digit Int).
     */
    public static boolean inRange(BigDecimal value) {
        if (value.signum() == 0) {
            return true;
        }
        long exponent = (long) value.precision() - value.scale() - 1;
        return exponent <= 999 && exponent >= -999;
    }

    /** A Decimal result: an Int under 2016-03-23 when it is whole ({@code wholeAsInt}); Undefined out of range. */
    public static JsonNode decimal(BigDecimal value, boolean wholeAsInt) {
        if (!inRange(value)) {
            return UNDEFINED;
        }
        if (wholeAsInt && isWhole(value)) {
            return integer(value.toBigInteger());
        }
        return DecimalNode.valueOf(value);
    }

    /** A double-precision function result; NaN and infinities stay doubles (nanvl can test them). */
    public static JsonNode doubleValue(double value, boolean wholeAsInt) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return DoubleNode.valueOf(value);
        }
        return decimal(BigDecimal.valueOf(value), wholeAsInt);
    }

    static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** Int as SQL sees it: integral, or (2016) a whole Decimal. */
    public static boolean isInt(JsonNode value, boolean wholeAsInt) {
        if (value.isIntegralNumber()) {
            return true;
        }
        if (!wholeAsInt || !value.isFloatingPointNumber()) {
            return false;
        }
        BigDecimal decimal = exactDecimal(value);
        return decimal != null && isWhole(decimal);
    }

    /** The exact value of a number node; null for NaN or infinity. */
    public static BigDecimal exactDecimal(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? BigDecimal.valueOf(number.longValue()) : new BigDecimal(number.bigIntegerValue());
        }
        if (number.isBigDecimal()) {
            return inRange(number.decimalValue()) ? number.decimalValue() : null;
        }
        double d = number.doubleValue();
        return Double.isNaN(d) || Double.isInfinite(d) ? null : BigDecimal.valueOf(d);
    }

    /** Number conversion for arithmetic and comparison: numbers, and strings that look like numbers; else null. */
    public static BigDecimal toDecimal(JsonNode value) {
        if (value.isNumber()) {
            return exactDecimal(value);
        }
        if (value.isTextual()) {
            String text = value.textValue();
            if (text.length() <= 1100 && NUMERIC.matcher(text).matches()) {
                try {
                    BigDecimal parsed = new BigDecimal(text, MATH);
                    return inRange(parsed) ? parsed : null;
                } catch (NumberFormatException | ArithmeticException outOfRange) {
                    return null;
                }
            }
        }
        return null;
    }

    /** True for a value that converts to an Int: Int nodes, whole (2016) decimals, integer strings. */
    public static boolean convertsToInt(JsonNode value, boolean wholeAsInt) {
        if (value.isNumber()) {
            return isInt(value, wholeAsInt);
        }
        if (value.isTextual()) {
            BigDecimal decimal = toDecimal(value);
            return decimal != null && (decimal.scale() <= 0 || (wholeAsInt && isWhole(decimal)));
        }
        return false;
    }

    /** Boolean conversion: Booleans, and the strings "true"/"false" in any case; else null. */
    public static Boolean toBoolean(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.textValue();
            if ("true".equalsIgnoreCase(text)) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(text)) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /** String conversion: standard notation numbers, lowercase booleans, JSON text for arrays and objects; Null and Undefined give null. */
    public static String toText(JsonNode value, boolean wholeAsInt) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            if (value.isIntegralNumber()) {
                return value.asText();
            }
            BigDecimal decimal = exactDecimal(value);
            if (decimal == null) {
                return Double.toString(value.doubleValue());
            }
            return wholeAsInt && isWhole(decimal) ? decimal.toBigInteger().toString() : decimal.toString();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isContainerNode()) {
            return PayloadWriter.toJsonText(value, wholeAsInt);
        }
        if (value.isBinary()) {
            return new String(((com.fasterxml.jackson.databind.node.BinaryNode) value).binaryValue(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        return null;
    }

    /** The SQL type name of a value, for messages. */
    public static String typeName(JsonNode value) {
        if (isUndefined(value)) {
            return "Undefined";
        }
        if (value.isIntegralNumber()) {
            return "Int";
        }
        if (value.isNumber()) {
            return "Decimal";
        }
        return switch (value.getNodeType()) {
            case STRING -> "String";
            case BOOLEAN -> "Boolean";
            case ARRAY -> "Array";
            case OBJECT -> "Object";
            case NULL -> "Null";
            case BINARY -> "binary payload";
            default -> value.getNodeType().name();
        };
    }
}
