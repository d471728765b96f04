package dev.iotcorelocal.rules.sql;

import dev.iotcorelocal.rules.sql.grammar.IotSqlLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Finds where a {@code ${...}} expression ends: the first {@code }} outside string literals and
 * object literals, found with the SQL lexer itself so quoting agrees with the parser.
 */
final class TemplateScanner {
    private TemplateScanner() { }

    /** The index in {@code text} of the brace closing the expression that starts at {@code start}, or -1. */
    static int closingBrace(String text, int start) {
        IotSqlLexer lexer = new IotSqlLexer(CharStreams.fromString(text.substring(start)));
        lexer.removeErrorListeners();
        int depth = 0;
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            String t = token.getText();
            if (t.equals("{")) {
                depth++;
            } else if (t.equals("}")) {
                if (depth == 0) {
                    return start + token.getStartIndex();
                }
                depth--;
            }
        }
        return -1;
    }
}
