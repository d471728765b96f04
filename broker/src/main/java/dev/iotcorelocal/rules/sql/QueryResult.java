package dev.iotcorelocal.rules.sql;

/** What a rule's SQL made of one message. */
public sealed interface QueryResult {
    /** WHERE was true (or absent): the actions get {@code payload}, the SELECT result as sent. */
    record Selected(byte[] payload) implements QueryResult { }

    /** WHERE was not Boolean true; {@code reason} says what it was, for the rule's DEBUG line. */
    record NotSelected(String reason) implements QueryResult { }

    /** Evaluation failed (e.g. extra SELECT items over a binary payload): the error action runs. */
    record Failed(String error) implements QueryResult { }
}
