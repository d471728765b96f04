package dev.iotcorelocal.policy;

import java.util.List;

/** The effective policies of a principal (default versions only), evaluated as one union. */
public final class PolicySet {
    private final List<CompiledPolicy> policies;

    private PolicySet(List<CompiledPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    public static PolicySet of(List<CompiledPolicy> policies) {
        return new PolicySet(policies);
    }

    public List<CompiledPolicy> policies() {
        return policies;
    }

    /** Substitutes the caller's variables once; the returned check is what runs per packet. */
    public PolicyCheck bind(RequestContext context) {
        return new BoundPolicySet(policies, context);
    }
}
