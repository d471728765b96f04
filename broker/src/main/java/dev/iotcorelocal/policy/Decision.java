package dev.iotcorelocal.policy;

/**
 * The outcome of one request and the statement that decided it: the first Deny that applied,
 * else the first Allow; for an implicit deny no statement ({@code policyName} null,
 * {@code statementIndex} -1).
 */
public record Decision(Outcome outcome, String policyName, String policyVersionId, int statementIndex, String sid) {
    public static final Decision IMPLICIT_DENY = new Decision(Outcome.IMPLICIT_DENY, null, null, -1, null);

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
