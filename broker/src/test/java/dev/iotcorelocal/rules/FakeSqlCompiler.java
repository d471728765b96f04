package dev.iotcorelocal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.sql.CompiledQuery;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import dev.iotcorelocal.rules.sql.QueryResult;
import dev.iotcorelocal.rules.sql.RuleInput;
import dev.iotcorelocal.rules.sql.SqlCompiler;
import dev.iotcorelocal.rules.sql.SqlParseException;
import dev.iotcorelocal.rules.sql.SqlVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-only stand-in for the AWS IoT SQL compiler, so the engine's unit tests pin the engine's
 * behaviour (ordering, error documents, loops) without depending on SQL semantics. It understands {@code SELECT * [FROM '<filter>'] [WHERE <field> > <number>]},
 * {@code SELECT fail() FROM '<filter>'} (evaluation fails), and templates of {@code ${topic()}},
 * {@code ${topic(n)}}, {@code ${clientid()}}, {@code ${principal()}}, {@code ${sourceip()}} and
 * {@code ${<top-level field>}}; anything else is a SqlParseException at column 1 or where it fails.
 */
public final class FakeSqlCompiler implements SqlCompiler {
    private static final Pattern QUERY = Pattern.compile(
            "SELECT (\\*|fail\\(\\))(?: FROM '([^']*)')?(?: WHERE (\\w+) > (-?\\d+(?:\\.\\d+)?))?\\s*");
    private static final Pattern EXPRESSION = Pattern.compile(
            "topic\\(\\)|topic\\((\\d+)\\)|clientid\\(\\)|principal\\(\\)|sourceip\\(\\)|(\\w+)");

    @Override
    public CompiledQuery compile(String sql, SqlVersion version) throws SqlParseException {
        Matcher matcher = QUERY.matcher(sql);
        if (!matcher.matches()) {
            int column = sql.startsWith("SELECT ") ? 8 : 1;
            throw new SqlParseException("Expected SELECT * FROM '<filter>' (the test compiler understands no more)",
                    1, column);
        }
        boolean fail = matcher.group(1).equals("fail()");
        String filter = matcher.group(2);
        String field = matcher.group(3);
        double threshold = field == null ? 0 : Double.parseDouble(matcher.group(4));
        return new CompiledQuery() {
            @Override
            public String fromFilter() {
                return filter;
            }

            @Override
            public SqlVersion version() {
                return version;
            }

            @Override
            public QueryResult evaluate(RuleInput input) {
                if (fail) {
                    return new QueryResult.Failed("fail() was called");
                }
                if (field != null) {
                    JsonNode json = input.json();
                    JsonNode value = json == null ? null : json.get(field);
                    if (value == null || !value.isNumber() || !(value.asDouble() > threshold)) {
                        return new QueryResult.NotSelected("WHERE " + field + " > " + matcher.group(4) + " was "
                                + (value == null ? "Undefined" : "false"));
                    }
                }
                return new QueryResult.Selected(input.payload());
            }
        };
    }

    @Override
    public CompiledTemplate template(String text, SqlVersion version) throws SqlParseException {
        List<Function<RuleInput, String>> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int start = text.indexOf("${", at);
            if (start < 0) {
                String literal = text.substring(at);
                parts.add(input -> literal);
                break;
            }
            String literal = text.substring(at, start);
            parts.add(input -> literal);
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new SqlParseException("Unterminated ${ in template", 1, start + 1);
            }
            parts.add(expression(text.substring(start + 2, end), start + 3));
            at = end + 1;
        }
        return input -> {
            StringBuilder out = new StringBuilder();
            parts.forEach(part -> out.append(part.apply(input)));
            return out.toString();
        };
    }

    private static Function<RuleInput, String> expression(String expression, int column) throws SqlParseException {
        Matcher matcher = EXPRESSION.matcher(expression.strip());
        if (!matcher.matches()) {
            throw new SqlParseException("The test compiler does not understand '" + expression + "'", 1, column);
        }
        String text = matcher.group();
        if (text.equals("topic()")) {
            return RuleInput::topic;
        }
        if (matcher.group(1) != null) {
            int level = Integer.parseInt(matcher.group(1));
            return input -> {
                String[] levels = input.topic().split("/", -1);
                return level >= 1 && level <= levels.length ? levels[level - 1] : "";
            };
        }
        if (text.equals("clientid()")) {
            return input -> input.clientId() == null ? "n/a" : input.clientId();
        }
        if (text.equals("principal()")) {
            return input -> input.principal() == null ? "" : input.principal();
        }
        if (text.equals("sourceip()")) {
            return input -> input.sourceIp() == null ? "" : input.sourceIp();
        }
        String field = matcher.group(2);
        return input -> {
            JsonNode json = input.json();
            JsonNode value = json == null ? null : json.get(field);
            return value == null ? "" : value.isTextual() ? value.asText() : value.toString();
        };
    }
}
