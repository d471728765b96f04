package dev.iotcorelocal.rules.sql;

/** A rule's SQL, compiled once at rule creation; {@link #evaluate} is thread-safe and never blocks. */
public interface CompiledQuery {
    /** The FROM topic filter as written (without quotes), or null when the SQL has no FROM (Basic Ingest only). */
    String fromFilter();

    SqlVersion version();

    QueryResult evaluate(RuleInput input);

    /**
     * What the compiler warned about for this rule (e.g. get_user_property, which AWS does not
     * have), already logged once at compile time; empty for most rules.
     */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }
}
