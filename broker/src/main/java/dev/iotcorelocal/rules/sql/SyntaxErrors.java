package dev.iotcorelocal.rules.sql;

import dev.iotcorelocal.rules.sql.grammar.IotSqlLexer;
import dev.iotcorelocal.rules.sql.grammar.IotSqlParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns ANTLR's first syntax error into a {@link SqlParseException} a developer can act on:
 * what was found, where, and, for constructs AWS lacks, what to write instead. Positions are
 * shifted by {@code lineOffset}/{@code columnOffset} when the text is an expression inside a
 * substitution template.
 */
final class SyntaxErrors extends BaseErrorListener {
    private final int lineOffset;
    private final int columnOffset;

    SyntaxErrors(int lineOffset, int columnOffset) {
        this.lineOffset = lineOffset;
        this.columnOffset = columnOffset;
    }

    /** Unchecked carrier out of ANTLR's callbacks and visitors; the compiler unwraps it. */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final SqlParseException error;

        Abort(SqlParseException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        int l = line + lineOffset;
        int c = line == 1 ? charPositionInLine + 1 + columnOffset : charPositionInLine + 1;
        String where = " at " + l + ":" + c;
        String message;
        if (offendingSymbol instanceof Token token) {
            String expected = inFromClause(recognizer) ? " (expected a 'single-quoted' topic filter)" : expected(msg);
            if (expected.isEmpty() && e != null && e.getExpectedTokens() != null && recognizer != null) {
                expected = " (expected " + readable(e.getExpectedTokens().toString(recognizer.getVocabulary())) + ")";
            }
            message = describe(token, expected) + where;
        } else {
            message = msg + where;
        }
        throw new Abort(new SqlParseException(message, l, c));
    }

    private static boolean inFromClause(Recognizer<?, ?> recognizer) {
        if (recognizer instanceof IotSqlParser parser) {
            ParserRuleContext context = parser.getContext();
            return context instanceof IotSqlParser.FromClauseContext
                    || (context instanceof IotSqlParser.AnyStringContext && context.getParent() instanceof IotSqlParser.FromClauseContext);
        }
        return false;
    }

    private static String describe(Token token, String expected) {
        switch (token.getType()) {
            case Token.EOF:
                return "unexpected end of SQL" + expected;
            case IotSqlLexer.COMMENT:
                return "comments are not supported by AWS IoT SQL";
            case IotSqlLexer.SET:
                return "the SET clause is not supported by the emulator (spec B1)";
            case IotSqlLexer.UNKNOWN_CHAR:
                String text = token.getText();
                if (text.equals("'") || text.equals("\"")) {
                    return "unterminated string literal";
                }
                return "unexpected character '" + text + "'";
            default:
                return "unexpected '" + token.getText() + "'" + expected;
        }
    }

    /** "expecting X" from ANTLR's message, as " (expected X)" in words. */
    private static String expected(String antlrMessage) {
        int at = antlrMessage == null ? -1 : antlrMessage.indexOf("expecting ");
        return at < 0 ? "" : " (expected " + readable(antlrMessage.substring(at + "expecting ".length())) + ")";
    }

    /** ANTLR's token set ("{<EOF>, 'FROM', IDENTIFIER}") in words a SQL author knows. */
    static String readable(String tokens) {
        String inner = tokens.startsWith("{") && tokens.endsWith("}") ? tokens.substring(1, tokens.length() - 1) : tokens;
        List<String> names = List.of(inner.split(", "));
        if (names.contains("IDENTIFIER") && names.contains("INTEGER")) {
            return "an expression";
        }
        List<String> words = new ArrayList<>();
        for (String name : names) {
            String word = switch (name) {
                case "<EOF>" -> "the end";
                case "SINGLE_QUOTED" -> "a 'single-quoted' string";
                case "DOUBLE_QUOTED" -> "a \"double-quoted\" string";
                case "IDENTIFIER" -> "a name";
                case "INTEGER", "DECIMAL" -> "a number";
                default -> name.length() > 2 && name.startsWith("'") && Character.isLetter(name.charAt(1))
                        ? name.substring(1, name.length() - 1) : name;
            };
            if (!words.contains(word)) {
                words.add(word);
            }
        }
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** Tokens of constructs AWS IoT SQL lacks, refused before parsing with what to write instead. */
    static void refuseUnsupportedTokens(List<? extends Token> tokens, int lineOffset, int columnOffset) {
        for (Token token : tokens) {
            String problem = switch (token.getType()) {
                case IotSqlLexer.IN -> "IN is not an AWS IoT SQL operator: compare with '=' and OR";
                case IotSqlLexer.LIKE -> "LIKE is not an AWS IoT SQL operator: use startswith(), endswith() or regexp_matches()";
                case IotSqlLexer.BETWEEN -> "BETWEEN is not an AWS IoT SQL operator: use two comparisons joined by AND";
                case IotSqlLexer.IS -> "IS NULL is not AWS IoT SQL: use isNull(x) or isUndefined(x)";
                case IotSqlLexer.NOT_EQUAL_BANG -> "'!=' is not an AWS IoT SQL operator: use '<>'";
                case IotSqlLexer.DOUBLE_PIPE -> "'||' is not an AWS IoT SQL operator: use concat(a, b) or '+'";
                case IotSqlLexer.COMMENT -> "comments are not supported by AWS IoT SQL";
                default -> null;
            };
            if (problem != null) {
                throw at(token, problem, lineOffset, columnOffset);
            }
        }
    }

    static Abort at(Token token, String problem, int lineOffset, int columnOffset) {
        int l = token.getLine() + lineOffset;
        int c = token.getLine() == 1 ? token.getCharPositionInLine() + 1 + columnOffset : token.getCharPositionInLine() + 1;
        return new Abort(new SqlParseException(problem + " at " + l + ":" + c, l, c));
    }
}
