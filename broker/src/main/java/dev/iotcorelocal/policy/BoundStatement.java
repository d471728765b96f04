package dev.iotcorelocal.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement with one caller's values in place: resource patterns substituted (an entry with an
 * unresolved variable is dropped: it matches nothing) and conditions already evaluated, since
 * they read only the caller's context. What is left per request is two pattern matches.
 */
final class BoundStatement {
    private final CompiledPolicy policy;
    private final CompiledStatement statement;
    private final Glob[] resources;
    private final List<Template> resolvedTemplates;
    private final List<Template> unresolved;
    private final CompiledCondition failedCondition;

    private BoundStatement(CompiledPolicy policy, CompiledStatement statement, Glob[] resources,
                           List<Template> resolvedTemplates, List<Template> unresolved,
                           CompiledCondition failedCondition) {
        this.policy = policy;
        this.statement = statement;
        this.resources = resources;
        this.resolvedTemplates = resolvedTemplates;
        this.unresolved = unresolved;
        this.failedCondition = failedCondition;
    }

    static BoundStatement bind(CompiledPolicy policy, CompiledStatement statement, RequestContext context) {
        List<Glob> globs = new ArrayList<>();
        List<Template> resolved = new ArrayList<>();
        List<Template> unresolved = new ArrayList<>();
        for (Template template : statement.resources()) {
            Glob glob = template.bindGlob(context, false);
            if (glob == null) {
                unresolved.add(template);
            } else {
                globs.add(glob);
                resolved.add(template);
            }
        }
        CompiledCondition failed = null;
        for (CompiledCondition condition : statement.conditions()) {
            if (!condition.holds(context)) {
                failed = condition;
                break;
            }
        }
        return new BoundStatement(policy, statement, globs.toArray(Glob[]::new), resolved, unresolved, failed);
    }

    /** False when the statement can apply to no request of this caller (a condition failed, no resource left). */
    boolean live() {
        return failedCondition == null && (statement.notResource() || resources.length > 0);
    }

    boolean applies(String action, String resource) {
        return statement.coversAction(action) && coversResource(resource);
    }

    boolean coversResource(String resource) {
        for (Glob pattern : resources) {
            if (pattern.matches(resource)) {
                return !statement.notResource();
            }
        }
        return statement.notResource();
    }

    /** True when this (live) statement covers the action on every resource that starts with the prefix. */
    boolean coversEvery(String action, String resourcePrefix) {
        if (statement.notResource() || !statement.coversAction(action)) {
            return false;
        }
        for (Glob pattern : resources) {
            if (pattern.matchesEveryExtensionOf(resourcePrefix)) {
                return true;
            }
        }
        return false;
    }

    CompiledPolicy policy() {
        return policy;
    }

    CompiledStatement statement() {
        return statement;
    }

    Decision decision() {
        return statement.decision();
    }

    Glob[] resourcePatterns() {
        return resources;
    }

    List<Template> resolvedTemplates() {
        return resolvedTemplates;
    }

    List<Template> unresolvedTemplates() {
        return unresolved;
    }

    CompiledCondition failedCondition() {
        return failedCondition;
    }
}
