package dev.iotcorelocal.policy;

import java.util.List;

/**
 * Words for a decision, one line a developer reads: the statement that decided, or for an implicit
 * deny the closest near miss among the Allow statements and why it missed. Runs only when asked
 * (denials, TestAuthorization), so it may allocate.
 */
final class Explainer {
    private static final String TOPIC = "topic";
    private static final String TOPIC_FILTER = "topicfilter";

    private Explainer() {
    }

    static String explain(Decision decision, List<BoundStatement> statements, RequestContext context, String action,
                          String resource) {
        if (decision.outcome() != Outcome.IMPLICIT_DENY) {
            boolean allowed = decision.allowed();
            return (allowed ? "allowed by " : "denied by ") + statementName(decision) + ": "
                    + (allowed ? "Allow " : "Deny ") + action + " on " + resource;
        }
        if (statements.isEmpty()) {
            return "no statement allowed it; no policy applies to this principal";
        }
        NearMiss best = null;
        for (BoundStatement statement : statements) {
            if (statement.statement().allow()) {
                NearMiss candidate = NearMiss.of(statement, context, action, resource);
                if (candidate != null && (best == null || candidate.score() > best.score())) {
                    best = candidate;
                }
            }
        }
        if (best == null) {
            return "no statement allowed it; no Allow statement covers " + action + " or this resource";
        }
        return "no statement allowed it; closest: " + statementName(best.statement().decision()) + " allows "
                + best.actionText() + " on " + best.resourceText() + " (" + best.reason() + ")";
    }

    static String statementName(Decision decision) {
        return "policy '" + decision.policyName() + "' version " + decision.policyVersionId() + " statement "
                + decision.statementIndex() + (decision.sid() == null ? "" : " (Sid \"" + decision.sid() + "\")");
    }

    /** The resource type of an ARN: {@code topic} in {@code arn:aws:iot:r:a:topic/x}; null if it has none. */
    static String resourceType(String arn) {
        int colons = 0;
        int start = -1;
        for (int i = 0; i < arn.length(); i++) {
            if (arn.charAt(i) == ':' && ++colons == 5) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            return null;
        }
        int slash = arn.indexOf('/', start);
        return slash < 0 ? null : arn.substring(start, slash);
    }

    /** The same ARN with topic/ and topicfilter/ swapped, or null for other resource types. */
    static String swappedType(String arn) {
        String type = resourceType(arn);
        if (!TOPIC.equals(type) && !TOPIC_FILTER.equals(type)) {
            return null;
        }
        int at = arn.indexOf(":" + type + "/") + 1;
        String other = TOPIC.equals(type) ? TOPIC_FILTER : TOPIC;
        return arn.substring(0, at) + other + arn.substring(at + type.length());
    }
}
