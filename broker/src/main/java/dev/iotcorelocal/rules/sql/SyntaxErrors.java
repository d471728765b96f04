package dev.iotcorelocal.rules.sql;

import dev.iotcorelocal.rules.sql.grammar.IotSqlLexer;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

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
            message = describe(token, msg) + where;
        } else {
            message = msg + where;
        }
        throw new Abort(new SqlParseException(message, l, c));
    }

    private static String describe(Token token, String antlrMessage) {
        String expected = expected(antlrMessage);
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

    /** "expecting X" from ANTLR's message, as "; expected X". */
    private static String expected(String antlrMessage) {
        int at = antlrMessage == null ? -1 : antlrMessage.indexOf("expecting ");
        return at < 0 ? "" : " (expected " + antlrMessage.substring(at + "expecting ".length()) + ")";
    }

    static Abort at(Token token, String problem, int lineOffset, int columnOffset) {
        int l = token.getLine() + lineOffset;
        int c = token.getLine() == 1 ? token.getCharPositionInLine() + 1 + columnOffset : token.getCharPositionInLine() + 1;
        return new Abort(new SqlParseException(problem + " at " + l + ":" + c, l, c));
    }
}
