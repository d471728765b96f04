package dev.iotcorelocal.rules.sql;

/**
 * A rule's SQL or substitution template that AWS would refuse at CreateTopicRule: the message
 * names the problem and where it is (1-based line and column of the offending text).
 */
public final class SqlParseException extends Exception {
    private final int line;
    private final int column;

    public SqlParseException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
