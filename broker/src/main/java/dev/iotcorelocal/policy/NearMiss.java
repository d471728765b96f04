package dev.iotcorelocal.policy;

import java.util.List;

/**
 * Why one Allow statement did not allow a request, scored by how close it came: a failed
 * condition (it would have applied), an unresolved variable, the wrong resource type
 * ({@code topic/} for {@code topicfilter/}), MQTT wildcards in the pattern, another resource,
 * another action for the same resource.
 */
record NearMiss(BoundStatement statement, int score, String actionText, String resourceText, String reason) {

    static NearMiss of(BoundStatement bound, RequestContext context, String action, String resource) {
        CompiledStatement statement = bound.statement();
        boolean actionCovered = statement.coversAction(action);
        String actions = actionText(statement, action);
        if (actionCovered && bound.coversResource(resource) && bound.failedCondition() != null) {
            return new NearMiss(bound, 7, actions, resourceShown(bound, resource),
                    "condition false: " + bound.failedCondition().describe(context));
        }
        if (statement.notResource()) {
            if (actionCovered && !bound.coversResource(resource)) {
                return new NearMiss(bound, 2, actions, "every resource except " + joined(bound),
                        "resource differs: NotResource excludes it");
            }
            return null;
        }
        Glob[] patterns = bound.resourcePatterns();
        String swapped = Explainer.swappedType(resource);
        if (actionCovered) {
            if (!bound.unresolvedTemplates().isEmpty()) {
                Template template = bound.unresolvedTemplates().get(0);
                return new NearMiss(bound, 6, actions, template.written(),
                        "resource has an unresolved variable: " + unresolvedReason(template, context));
            }
            for (Glob pattern : patterns) {
                if (swapped != null && pattern.matches(swapped)) {
                    String needed = Explainer.resourceType(resource);
                    return new NearMiss(bound, 5, actions, pattern.toString(), "resource differs: " + action
                            + " is checked on " + needed + "/ ARNs, this statement names "
                            + Explainer.resourceType(swapped) + "/");
                }
            }
            for (Glob pattern : patterns) {
                if (pattern.hasLiteral('+') || pattern.hasLiteral('#')) {
                    return new NearMiss(bound, 4, actions, pattern.toString(),
                            "resource differs: '+' and '#' are literal in policies, use '*'");
                }
            }
            if (patterns.length > 0) {
                return new NearMiss(bound, 3, actions, closestPattern(patterns, resource).toString(),
                        "resource differs");
            }
            return null;
        }
        for (Glob pattern : patterns) {
            if (pattern.matches(resource) || swapped != null && pattern.matches(swapped)) {
                return new NearMiss(bound, 1, actions, pattern.toString(), "action differs: the request is "
                        + action + (statement.notAction() ? ", which NotAction excludes" : ", which it does not name"));
            }
        }
        return null;
    }

    private static String unresolvedReason(Template template, RequestContext context) {
        StringBuilder reason = new StringBuilder();
        for (String variable : template.unresolved(context)) {
            if (!reason.isEmpty()) {
                reason.append("; ");
            }
            String canonical = PolicyVariables.canonical(variable);
            if (canonical == null) {
                String suggestion = PolicyVariables.suggestion(variable);
                reason.append("${").append(variable).append("} is not an AWS IoT policy variable");
                if (suggestion != null) {
                    reason.append("; did you mean ${").append(suggestion).append("}?");
                }
            } else if (canonical.startsWith("iot:Connection.Thing.")) {
                reason.append("${").append(variable).append("} has no value: ").append(
                        context.value(ContextKeys.THING_NAME) == null
                                ? "the connection has no thing (its client ID must be the name of a thing "
                                + "attached to its certificate)"
                                : "the connection's thing has none");
            } else if (PolicyVariables.multiValued(canonical)) {
                reason.append("${").append(variable).append("} is a list and cannot be substituted");
            } else {
                reason.append("${").append(variable).append("} has no value for this connection");
            }
        }
        return reason.toString();
    }

    private static String actionText(CompiledStatement statement, String action) {
        List<String> written = statement.actionsWritten();
        if (statement.notAction()) {
            return "every action except " + String.join(", ", written);
        }
        for (String entry : written) {
            if (Glob.of(entry, true).matches(action)) {
                return entry;
            }
        }
        return String.join(", ", written);
    }

    private static String resourceShown(BoundStatement bound, String resource) {
        if (bound.statement().notResource()) {
            return "every resource except " + joined(bound);
        }
        for (Glob pattern : bound.resourcePatterns()) {
            if (pattern.matches(resource)) {
                return pattern.toString();
            }
        }
        return resource;
    }

    private static String joined(BoundStatement bound) {
        StringBuilder text = new StringBuilder();
        for (Glob pattern : bound.resourcePatterns()) {
            text.append(text.isEmpty() ? "" : ", ").append(pattern);
        }
        for (Template template : bound.unresolvedTemplates()) {
            text.append(text.isEmpty() ? "" : ", ").append(template.written());
        }
        return text.toString();
    }

    /** The pattern sharing the longest prefix with the request, the one a reader compares first. */
    private static Glob closestPattern(Glob[] patterns, String resource) {
        Glob best = patterns[0];
        int bestPrefix = -1;
        for (Glob pattern : patterns) {
            String text = pattern.toString();
            int prefix = 0;
            while (prefix < text.length() && prefix < resource.length() && text.charAt(prefix) == resource.charAt(prefix)) {
                prefix++;
            }
            if (prefix > bestPrefix) {
                best = pattern;
                bestPrefix = prefix;
            }
        }
        return best;
    }
}
