package dev.iotcorelocal.rules;

import java.util.function.UnaryOperator;

/** The rules in memory, as AWS's are per account and region; gone when the broker stops. */
public final class InMemoryRuleStore implements RuleStore {
    private volatile RuleSet current;

    public InMemoryRuleStore(boolean hashMatchesParent) {
        this.current = RuleSet.empty(hashMatchesParent);
    }

    @Override
    public RuleSet current() {
        return current;
    }

    @Override
    public synchronized RuleSet update(UnaryOperator<RuleSet> change) {
        RuleSet next = change.apply(current);
        current = next;
        return next;
    }
}
