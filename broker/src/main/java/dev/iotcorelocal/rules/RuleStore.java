package dev.iotcorelocal.rules;

import java.util.function.UnaryOperator;

/**
 * Where the rules live. Readers (the tap, on every event loop) take {@link #current()} without a
 * lock; writers change the whole set in one step.
 */
public interface RuleStore {
    RuleSet current();

    /**
     * Replaces the set with {@code change} applied to it, one writer at a time; a
     * {@link RuleException} from {@code change} leaves the set as it was.
     * @return the new set
     */
    RuleSet update(UnaryOperator<RuleSet> change);
}
