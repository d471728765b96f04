package dev.iotcorelocal.rules.sql.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.iotcorelocal.rules.sql.SqlParseException;
import dev.iotcorelocal.rules.sql.eval.Expr;
import dev.iotcorelocal.rules.sql.eval.Values;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** {@code cast(value AS type)} with AWS's casting tables: like the standard conversions, plus numbers to and from Booleans. */
public final class Cast {
    private enum Target { STRING, INT, DOUBLE, DECIMAL, BOOLEAN }

    private Cast() { }

    /** Compiles a cast; an unknown type name, or a 2016-03-23 one under 2015-10-08, refuses the rule. */
    public static Expr compile(Expr value, String typeName, FunctionContext context) throws SqlParseException {
        Target target = switch (typeName.toLowerCase(Locale.ROOT)) {
            case "string", "nvarchar", "text", "ntext", "varchar" -> Target.STRING;
            case "int", "integer" -> Target.INT;
            case "double" -> Target.DOUBLE;
            case "decimal" -> Target.DECIMAL;
            case "bool", "boolean" -> Target.BOOLEAN;
            default -> throw context.error("unknown cast type " + typeName
                    + " (String, Nvarchar, Text, Ntext, varchar, Int, Integer, Double, Decimal, Bool, Boolean)");
        };
        if ((target == Target.DECIMAL || target == Target.BOOLEAN) && !context.wholeAsInt()) {
            throw context.error("cast to " + typeName + " needs SQL version 2016-03-23");
        }
        boolean whole = context.wholeAsInt();
        return (input, row) -> apply(target, value.eval(input, row), whole);
    }

    private static JsonNode apply(Target target, JsonNode value, boolean wholeAsInt) {
        if (Values.isUndefined(value) || value.isNull()) {
            return Values.UNDEFINED;
        }
        return switch (target) {
            case STRING -> Values.text(Values.toText(value, wholeAsInt));
            case BOOLEAN -> {
                if (value.isNumber()) {
                    BigDecimal d = Values.exactDecimal(value);
                    yield d == null ? Values.UNDEFINED : Values.bool(d.signum() != 0);
                }
                Boolean b = Values.toBoolean(value);
                yield b == null ? Values.UNDEFINED : Values.bool(b);
            }
            case INT -> {
                if (value.isIntegralNumber()) {
                    yield value;
                }
                BigDecimal d = number(value);
                yield d == null ? Values.UNDEFINED : Values.integer(d.setScale(0, RoundingMode.FLOOR).toBigInteger());
            }
            case DECIMAL -> {
                BigDecimal d = number(value);
                yield d == null ? Values.UNDEFINED : Values.decimal(d, wholeAsInt);
            }
            case DOUBLE -> {
                BigDecimal d = number(value);
                yield d == null ? Values.UNDEFINED : DoubleNode.valueOf(d.doubleValue());
            }
        };
    }

    /** Numbers, numeric strings, and Booleans as 1/0. */
    private static BigDecimal number(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return Values.toDecimal(value);
    }

}
