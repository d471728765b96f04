package dev.iotcorelocal.rules.sql.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.iotcorelocal.rules.sql.eval.Arithmetic;
import dev.iotcorelocal.rules.sql.eval.Values;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * Numeric functions (spec B2, AWS's function tables): numeric strings are converted, anything
 * else is Undefined. The double-precision ones answer Undefined for imaginary results.
 */
final class MathFunctions {
    private MathFunctions() { }

    static void register(FunctionRegistry registry) {
        real(registry, "sqrt", Math::sqrt);
        real(registry, "exp", Math::exp);
        real(registry, "ln", Math::log);
        real(registry, "log", Math::log10);
        real(registry, "sin", Math::sin);
        real(registry, "cos", Math::cos);
        real(registry, "tan", Math::tan);
        real(registry, "asin", Math::asin);
        real(registry, "acos", Math::acos);
        real(registry, "atan", Math::atan);
        real(registry, "sinh", Math::sinh);
        real(registry, "cosh", Math::cosh);
        real(registry, "tanh", Math::tanh);
        real2(registry, "power", Math::pow);
        real2(registry, "atan2", Math::atan2);
        rounding(registry, "floor", RoundingMode.FLOOR);
        rounding(registry, "ceil", RoundingMode.CEILING);
        rounding(registry, "round", RoundingMode.HALF_UP);
        registry.add(new FunctionSpec("abs", 1, 1, false, (args, c) -> Calls.call1(args, a -> {
            if (a.isIntegralNumber()) {
                return Values.integer(a.bigIntegerValue().abs());
            }
            BigDecimal d = Args.decimal(a);
            return d == null ? Values.UNDEFINED : Values.decimal(d.abs(), c.wholeAsInt());
        })));
        registry.add(new FunctionSpec("sign", 1, 1, false, (args, c) -> Calls.call1(args, a -> {
            BigDecimal d = Args.decimal(a);
            return d == null ? Values.UNDEFINED : LongNode.valueOf(d.signum());
        })));
        registry.add(new FunctionSpec("mod", 2, 2, false, (args, c) -> Calls.call2(args,
                (a, b) -> Arithmetic.apply(Arithmetic.Op.REMAINDER, a, b, c.wholeAsInt()))));
        registry.add(new FunctionSpec("remainder", 2, 2, false, (args, c) -> Calls.call2(args,
                (a, b) -> Arithmetic.apply(Arithmetic.Op.REMAINDER, a, b, c.wholeAsInt()))));
        registry.add(new FunctionSpec("trunc", 2, 2, false, (args, c) -> Calls.call2(args, (a, b) -> {
            BigDecimal d = Args.decimal(a);
            Integer places = b.isNumber() ? Args.intFloor(b) : null;
            if (d == null || places == null) {
                return Values.UNDEFINED;
            }
            BigDecimal truncated = d.setScale(Math.max(0, Math.min(34, places)), RoundingMode.DOWN).stripTrailingZeros();
            return Values.decimal(truncated.scale() < 0 ? truncated.setScale(0) : truncated, true);
        })));
        registry.add(new FunctionSpec("nanvl", 2, 2, false, (args, c) -> Calls.call2(args, (a, b) ->
                Values.isUndefined(a) || a.isNull() || (a.isDouble() && Double.isNaN(a.doubleValue())) ? b : a)));
        bits(registry, "bitand", (x, y) -> x & y);
        bits(registry, "bitor", (x, y) -> x | y);
        bits(registry, "bitxor", (x, y) -> x ^ y);
        registry.add(new FunctionSpec("bitnot", 1, 1, false, (args, c) -> Calls.call1(args, a -> {
            Long x = a.isNumber() || a.isTextual() ? Args.longFloor(a) : null;
            return x == null ? Values.UNDEFINED : LongNode.valueOf(~x);
        })));
        registry.add(new FunctionSpec("rand", 0, 0, false, (args, c) ->
                Calls.call0(input -> DoubleNode.valueOf(ThreadLocalRandom.current().nextDouble()))));
    }

    private static void real(FunctionRegistry registry, String name, DoubleUnaryOperator f) {
        registry.add(new FunctionSpec(name, 1, 1, false, (args, c) -> Calls.call1(args, a -> {
            Double x = Args.real(a);
            return x == null ? Values.UNDEFINED : finite(f.applyAsDouble(x));
        })));
    }

    private static void real2(FunctionRegistry registry, String name, DoubleBinaryOperator f) {
        registry.add(new FunctionSpec(name, 2, 2, false, (args, c) -> Calls.call2(args, (a, b) -> {
            Double x = Args.real(a);
            Double y = Args.real(b);
            return x == null || y == null ? Values.UNDEFINED : finite(f.applyAsDouble(x, y));
        })));
    }

    /** Double-precision Decimals ({@code sqrt(9)} is {@code 3.0} on AWS's page; the writer applies 2016's whole-number rule). */
    private static JsonNode finite(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? Values.UNDEFINED : DoubleNode.valueOf(value);
    }

    private static void rounding(FunctionRegistry registry, String name, RoundingMode mode) {
        registry.add(new FunctionSpec(name, 1, 1, false, (args, c) -> Calls.call1(args, a -> {
            if (a.isIntegralNumber()) {
                return a;
            }
            BigDecimal d = Args.decimal(a);
            return d == null ? Values.UNDEFINED : Values.integer(d.setScale(0, mode).toBigInteger());
        })));
    }

    private static void bits(FunctionRegistry registry, String name, LongBinaryOperator f) {
        registry.add(new FunctionSpec(name, 2, 2, false, (args, c) -> Calls.call2(args, (a, b) -> {
            Long x = a.isNumber() || a.isTextual() ? Args.longFloor(a) : null;
            Long y = b.isNumber() || b.isTextual() ? Args.longFloor(b) : null;
            return x == null || y == null ? Values.UNDEFINED : LongNode.valueOf(f.applyAsLong(x, y));
        })));
    }
}
