package dev.iotcorelocal.rules.sql.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.sql.RuleInput;
import dev.iotcorelocal.rules.sql.eval.Expr;
import dev.iotcorelocal.rules.sql.eval.Values;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code regexp_matches/replace/substr} with Java regex semantics (spec B2, PROPOSED). A literal
 * pattern is compiled once with the rule, and a bad one refuses the rule; a computed pattern is
 * compiled per message and a bad one is Undefined, as AWS documents.
 */
final class RegexFunctions {
    private RegexFunctions() { }

    private interface Op {
        JsonNode apply(String text, Pattern pattern, JsonNode[] rest, boolean wholeAsInt);
    }

    static void register(FunctionRegistry registry) {
        add(registry, "regexp_matches", 2, (text, pattern, rest, whole) -> Values.bool(pattern.matcher(text).find()));
        add(registry, "regexp_substr", 2, (text, pattern, rest, whole) -> {
            Matcher matcher = pattern.matcher(text);
            return matcher.find() ? Values.text(matcher.group()) : Values.text("");
        });
        add(registry, "regexp_replace", 3, (text, pattern, rest, whole) -> {
            String replacement = Args.text(rest[0], whole);
            if (replacement == null) {
                return Values.UNDEFINED;
            }
            try {
                return Values.text(pattern.matcher(text).replaceAll(replacement));
            } catch (IllegalArgumentException | IndexOutOfBoundsException badReplacement) {
                return Values.UNDEFINED;
            }
        });
    }

    private static void add(FunctionRegistry registry, String name, int arity, Op op) {
        registry.add(new FunctionSpec(name, arity, arity, false, (args, context) -> compile(args, context, op)));
    }

    private static Expr compile(List<Expr> args, FunctionContext context, Op op) throws dev.iotcorelocal.rules.sql.SqlParseException {
        boolean whole = context.wholeAsInt();
        Expr subject = args.get(0);
        Expr patternArg = args.get(1);
        Expr[] rest = args.subList(2, args.size()).toArray(new Expr[0]);
        JsonNode literal = patternArg.constant();
        Pattern fixed = null;
        if (literal != null && Args.text(literal, whole) != null) {
            try {
                fixed = Pattern.compile(Args.text(literal, whole));
            } catch (PatternSyntaxException bad) {
                throw context.error("invalid regular expression '" + Args.text(literal, whole) + "': "
                        + bad.getDescription());
            }
        }
        Pattern precompiled = fixed;
        return (RuleInput input, JsonNode row) -> {
            String text = Args.text(subject.eval(input, row), whole);
            Pattern pattern = precompiled != null ? precompiled : compileOrNull(Args.text(patternArg.eval(input, row), whole));
            if (text == null || pattern == null) {
                return Values.UNDEFINED;
            }
            JsonNode[] restValues = new JsonNode[rest.length];
            for (int i = 0; i < rest.length; i++) {
                restValues[i] = rest[i].eval(input, row);
            }
            return op.apply(text, pattern, restValues, whole);
        };
    }

    private static Pattern compileOrNull(String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException bad) {
            return null;
        }
    }
}
