package dev.iotcorelocal.rules.sql.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.sql.eval.Values;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Argument conversions the function tables share ("converted to Int", "standard string conversion"). */
final class Args {
    private Args() { }

    /** The String conversion, or null when there is none (Null, Undefined). */
    static String text(JsonNode value, boolean wholeAsInt) {
        return Values.isUndefined(value) ? null : Values.toText(value, wholeAsInt);
    }

    /** Decimal conversion (numbers, numeric strings), or null. */
    static BigDecimal decimal(JsonNode value) {
        return Values.isUndefined(value) ? null : Values.toDecimal(value);
    }

    /** "Rounded down to the nearest Int", clamped to the int range; null when not convertible. */
    static Integer intFloor(JsonNode value) {
        BigDecimal decimal = decimal(value);
        if (decimal == null) {
            return null;
        }
        if (decimal.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            return Integer.MAX_VALUE;
        }
        if (decimal.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            return Integer.MIN_VALUE;
        }
        return decimal.setScale(0, RoundingMode.FLOOR).intValue();
    }

    /** Long conversion rounding down, for bit operations; null when not convertible or out of range. */
    static Long longFloor(JsonNode value) {
        BigDecimal decimal = decimal(value);
        if (decimal == null) {
            return null;
        }
        try {
            return decimal.setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException outOfRange) {
            return null;
        }
    }

    /** Double conversion for the double-precision functions; null when not convertible. */
    static Double real(JsonNode value) {
        BigDecimal decimal = decimal(value);
        return decimal == null ? null : decimal.doubleValue();
    }
}
