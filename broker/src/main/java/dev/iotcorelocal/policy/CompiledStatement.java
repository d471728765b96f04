package dev.iotcorelocal.policy;

import java.util.List;

/**
 * One statement of a compiled policy: its action patterns (compiled once, case-insensitive),
 * resource templates (bound per caller), conditions, and the {@link Decision} it gives when it
 * decides, made once so deciding allocates nothing.
 */
final class CompiledStatement {
    private final int index;
    private final String sid;
    private final boolean allow;
    private final List<String> actionsWritten;
    private final Glob[] actions;
    private final boolean notAction;
    private final List<Template> resources;
    private final boolean notResource;
    private final List<CompiledCondition> conditions;
    private final Decision decision;

    CompiledStatement(String policyName, String versionId, int index, String sid, boolean allow,
                      List<String> actionsWritten, boolean notAction, List<Template> resources,
                      boolean notResource, List<CompiledCondition> conditions) {
        this.index = index;
        this.sid = sid;
        this.allow = allow;
        this.actionsWritten = List.copyOf(actionsWritten);
        this.actions = actionsWritten.stream().map(a -> Glob.of(a, true)).toArray(Glob[]::new);
        this.notAction = notAction;
        this.resources = List.copyOf(resources);
        this.notResource = notResource;
        this.conditions = List.copyOf(conditions);
        this.decision = new Decision(allow ? Outcome.ALLOWED : Outcome.EXPLICIT_DENY, policyName, versionId, index,
                sid);
    }

    /** Whether the Action (or NotAction) element covers the request's action. */
    boolean coversAction(String action) {
        for (Glob pattern : actions) {
            if (pattern.matches(action)) {
                return !notAction;
            }
        }
        return notAction;
    }

    int index() {
        return index;
    }

    String sid() {
        return sid;
    }

    boolean allow() {
        return allow;
    }

    List<String> actionsWritten() {
        return actionsWritten;
    }

    boolean notAction() {
        return notAction;
    }

    List<Template> resources() {
        return resources;
    }

    boolean notResource() {
        return notResource;
    }

    List<CompiledCondition> conditions() {
        return conditions;
    }

    Decision decision() {
        return decision;
    }
}
