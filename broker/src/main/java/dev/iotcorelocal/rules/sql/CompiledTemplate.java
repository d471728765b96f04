package dev.iotcorelocal.rules.sql;

/**
 * A substitution template ({@code "alerts/${topic(2)}"}), compiled once: each {@code ${expression}}
 * is evaluated against the original message, not the SELECT result (spec B3). Undefined renders as
 * the empty string, objects and arrays as JSON text. Thread-safe.
 */
public interface CompiledTemplate {
    String render(RuleInput input);
}
