package dev.iotcorelocal.rules.sql.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.iotcorelocal.rules.sql.eval.Values;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** String functions (spec B2, AWS's function tables): non-String arguments get the standard String conversion. */
final class StringFunctions {
    private static final int MAX_PAD = 1000;

    private StringFunctions() { }

    static void register(FunctionRegistry registry) {
        text(registry, "lower", s -> s.toLowerCase(Locale.ROOT));
        text(registry, "upper", s -> s.toUpperCase(Locale.ROOT));
        text(registry, "trim", s -> strip(s, true, true));
        text(registry, "ltrim", s -> strip(s, true, false));
        text(registry, "rtrim", s -> strip(s, false, true));
        registry.add(new FunctionSpec("length", 1, 1, true, (args, c) -> Calls.call1(args, a -> {
            String s = Args.text(a, c.wholeAsInt());
            return s == null ? Values.UNDEFINED : LongNode.valueOf(s.codePointCount(0, s.length()));
        })));
        registry.add(new FunctionSpec("numbytes", 1, 1, true, (args, c) -> Calls.call1(args, a -> {
            String s = Args.text(a, c.wholeAsInt());
            return s == null ? Values.UNDEFINED : LongNode.valueOf(s.getBytes(StandardCharsets.UTF_8).length);
        })));
        registry.add(new FunctionSpec("startswith", 2, 2, false, (args, c) -> Calls.call2(args, (a, b) -> {
            String s = Args.text(a, c.wholeAsInt());
            String prefix = Args.text(b, c.wholeAsInt());
            return s == null || prefix == null ? Values.UNDEFINED : Values.bool(s.startsWith(prefix));
        })));
        registry.add(new FunctionSpec("endswith", 2, 2, false, (args, c) -> Calls.call2(args, (a, b) -> {
            String s = Args.text(a, c.wholeAsInt());
            String suffix = Args.text(b, c.wholeAsInt());
            return s == null || suffix == null ? Values.UNDEFINED : Values.bool(s.endsWith(suffix));
        })));
        registry.add(new FunctionSpec("indexof", 2, 2, true, (args, c) -> Calls.call2(args, (a, b) -> {
            String s = Args.text(a, c.wholeAsInt());
            String part = Args.text(b, c.wholeAsInt());
            return s == null || part == null ? Values.UNDEFINED : LongNode.valueOf(s.indexOf(part));
        })));
        registry.add(new FunctionSpec("replace", 3, 3, false, (args, c) -> Calls.call3(args, (a, b, d) -> {
            String s = Args.text(a, c.wholeAsInt());
            String target = Args.text(b, c.wholeAsInt());
            String replacement = Args.text(d, c.wholeAsInt());
            return s == null || target == null || replacement == null ? Values.UNDEFINED
                    : Values.text(s.replace(target, replacement));
        })));
        registry.add(new FunctionSpec("substring", 2, 3, false, (args, c) -> Calls.callN(args, a -> {
            String s = Args.text(a[0], c.wholeAsInt());
            Integer from = Args.intFloor(a[1]);
            Integer to = a.length > 2 ? Args.intFloor(a[2]) : Integer.valueOf(Integer.MAX_VALUE);
            if (s == null || from == null || to == null) {
                return Values.UNDEFINED;
            }
            int start = Math.max(0, Math.min(from, s.length()));
            int end = Math.max(0, Math.min(to, s.length()));
            return Values.text(start >= end ? "" : s.substring(start, end));
        })));
        registry.add(new FunctionSpec("lpad", 2, 2, false, (args, c) -> Calls.call2(args, (a, b) -> pad(a, b, c, true))));
        registry.add(new FunctionSpec("rpad", 2, 2, false, (args, c) -> Calls.call2(args, (a, b) -> pad(a, b, c, false))));
        registry.add(new FunctionSpec("concat", 0, FunctionSpec.VARARGS, false, (args, c) -> Calls.callN(args,
                a -> concat(a, c.wholeAsInt()))));
        registry.add(new FunctionSpec("chr", 1, 1, false, (args, c) -> Calls.call1(args, a -> {
            Integer code = Args.intFloor(a);
            return code == null || code < 0 || code > 127 ? Values.UNDEFINED : Values.text(String.valueOf((char) (int) code));
        })));
        RegexFunctions.register(registry);
    }

    private static void text(FunctionRegistry registry, String name, UnaryOperator<String> f) {
        registry.add(new FunctionSpec(name, 1, 1, false, (args, c) -> Calls.call1(args, a -> {
            String s = Args.text(a, c.wholeAsInt());
            return s == null ? Values.UNDEFINED : Values.text(f.apply(s));
        })));
    }

    /** AWS's trims remove spaces and tabs (not every Unicode space). */
    private static String strip(String s, boolean leading, boolean trailing) {
        int start = 0;
        int end = s.length();
        while (leading && start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (trailing && end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static JsonNode pad(JsonNode value, JsonNode count, FunctionContext c, boolean left) {
        String s = Args.text(value, c.wholeAsInt());
        Integer n = count.isNumber() || count.isTextual() ? Args.intFloor(count) : null;
        if (s == null || n == null) {
            return Values.UNDEFINED;
        }
        String spaces = " ".repeat(Math.max(0, Math.min(MAX_PAD, n)));
        return Values.text(left ? spaces + s : s + spaces);
    }

    private static JsonNode concat(JsonNode[] args, boolean wholeAsInt) {
        if (args.length == 0) {
            return Values.UNDEFINED;
        }
        if (args.length == 1) {
            return args[0];
        }
        boolean anyArray = false;
        for (JsonNode arg : args) {
            anyArray |= arg.isArray();
        }
        if (anyArray) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode arg : args) {
                if (arg.isArray()) {
                    out.addAll((ArrayNode) arg);
                } else if (!Values.isUndefined(arg)) {
                    out.add(arg);
                }
            }
            return out;
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode arg : args) {
            String s = Args.text(arg, wholeAsInt);
            if (s == null) {
                return Values.UNDEFINED;
            }
            out.append(s);
        }
        return Values.text(out.toString());
    }
}
