package dev.iotcorelocal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.sql.eval.Expr;
import dev.iotcorelocal.rules.sql.eval.Values;

import java.util.List;

/**
 * A compiled substitution template: literal text and {@code ${expr}} parts, rendered over the
 * original message (spec B3). Undefined renders as "", Null as "null" (PROPOSED), Strings as
 * themselves, everything else by the standard String conversion (JSON text for Objects and Arrays).
 */
final class SqlTemplate implements CompiledTemplate {
    private final List<String> texts;
    private final List<Expr> expressions;
    private final boolean wholeAsInt;

    /** {@code texts} has one more element than {@code expressions}: text, expr, text, ..., text. */
    SqlTemplate(List<String> texts, List<Expr> expressions, SqlVersion version) {
        this.texts = List.copyOf(texts);
        this.expressions = List.copyOf(expressions);
        this.wholeAsInt = version != SqlVersion.V2015_10_08;
    }

    @Override
    public String render(RuleInput input) {
        if (expressions.isEmpty()) {
            return texts.get(0);
        }
        JsonNode json = input.json();
        JsonNode row = json == null ? Values.UNDEFINED : json;
        StringBuilder out = new StringBuilder(texts.get(0));
        for (int i = 0; i < expressions.size(); i++) {
            JsonNode value = expressions.get(i).eval(input, row);
            if (value.isNull()) {
                out.append("null");
            } else if (!Values.isUndefined(value)) {
                String text = Values.toText(value, wholeAsInt);
                out.append(text == null ? "" : text);
            }
            out.append(texts.get(i + 1));
        }
        return out.toString();
    }
}
