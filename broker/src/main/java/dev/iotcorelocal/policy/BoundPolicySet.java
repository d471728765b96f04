package dev.iotcorelocal.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link PolicySet} bound to one caller: the live Deny statements, then the live Allow
 * statements, in policy and statement order. Deciding walks the two arrays and returns a
 * Decision made at compile time; nothing is allocated. Immutable, so safe from any thread.
 */
final class BoundPolicySet implements PolicyCheck {
    private final BoundStatement[] denies;
    private final BoundStatement[] allows;
    private final List<BoundStatement> all;
    private final RequestContext context;

    BoundPolicySet(List<CompiledPolicy> policies, RequestContext context) {
        this.context = context;
        List<BoundStatement> bound = new ArrayList<>();
        for (CompiledPolicy policy : policies) {
            for (CompiledStatement statement : policy.statements()) {
                bound.add(BoundStatement.bind(policy, statement, context));
            }
        }
        this.all = List.copyOf(bound);
        this.denies = bound.stream().filter(s -> s.live() && !s.statement().allow()).toArray(BoundStatement[]::new);
        this.allows = bound.stream().filter(s -> s.live() && s.statement().allow()).toArray(BoundStatement[]::new);
    }

    @Override
    public Decision decide(String action, String resource) {
        for (BoundStatement deny : denies) {
            if (deny.applies(action, resource)) {
                return deny.decision();
            }
        }
        for (BoundStatement allow : allows) {
            if (allow.applies(action, resource)) {
                return allow.decision();
            }
        }
        return Decision.IMPLICIT_DENY;
    }

    @Override
    public boolean allowsEvery(String action, String resourcePrefix) {
        for (BoundStatement deny : denies) {
            if (deny.statement().coversAction(action)) {
                return false;
            }
        }
        for (BoundStatement allow : allows) {
            if (allow.coversEvery(action, resourcePrefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Explanation explain(String action, String resource) {
        Decision decision = decide(action, resource);
        return new Explanation(decision, Explainer.explain(decision, all, context, action, resource));
    }

    @Override
    public List<String> missingContextValues(String action) {
        Set<String> missing = new LinkedHashSet<>();
        for (BoundStatement bound : all) {
            if (bound.statement().coversAction(action)) {
                for (Template template : bound.unresolvedTemplates()) {
                    missing.addAll(template.unresolved(context));
                }
                for (CompiledCondition condition : bound.statement().conditions()) {
                    missing.addAll(condition.missingValues(context));
                }
            }
        }
        return List.copyOf(missing);
    }
}
