package dev.iotcorelocal.rules;

/** A rule operation refused, with AWS's reason; the HTTP API answers the error type its kind names. */
public final class RuleException extends RuntimeException {
    public enum Kind {
        /** InvalidRequestException, 400. */
        INVALID,
        /** SqlParseException, 400. */
        SQL_PARSE,
        /** ResourceAlreadyExistsException, 409. */
        ALREADY_EXISTS,
        /** AWS answers UnauthorizedException (401) for a rule that does not exist. */
        NOT_FOUND,
        /** LimitExceededException, 410: 1000 rules per account. */
        LIMIT_EXCEEDED
    }

    private final Kind kind;

    public RuleException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static RuleException invalid(String message) {
        return new RuleException(Kind.INVALID, message);
    }
}
