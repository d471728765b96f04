package dev.iotcorelocal.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one rule did since it was created or replaced: messages matched (WHERE true), not matched
 * (WHERE false), failed (the SQL could not be evaluated), dropped (the evaluation queue was full
 * or a republish loop reached its cap), and per action how many runs succeeded and failed.
 * Counting is contention-free (LongAdder): rules threads all count at once.
 */
public final class RuleCounters {
    private final LongAdder matched = new LongAdder();
    private final LongAdder notMatched = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder[] actionSucceeded;
    private final LongAdder[] actionFailed;
    private final LongAdder errorActionFailed = new LongAdder();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    public RuleCounters(int actions) {
        actionSucceeded = adders(actions);
        actionFailed = adders(actions);
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    void matched() {
        matched.increment();
    }

    void notMatched() {
        notMatched.increment();
    }

    void failed() {
        failed.increment();
    }

    void dropped() {
        dropped.increment();
    }

    void action(int index, boolean succeeded) {
        (succeeded ? actionSucceeded : actionFailed)[index].increment();
    }

    /** True the first time only: the first failure of a rule is logged at WARN, the rest at DEBUG. */
    boolean firstFailure() {
        return !failureLogged.getAndSet(true);
    }

    void errorActionFailed() {
        errorActionFailed.increment();
    }

    public long matchedCount() {
        return matched.sum();
    }

    public long notMatchedCount() {
        return notMatched.sum();
    }

    public long failedCount() {
        return failed.sum();
    }

    public long droppedCount() {
        return dropped.sum();
    }

    public long actionSucceededCount(int index) {
        return actionSucceeded[index].sum();
    }

    public long actionFailedCount(int index) {
        return actionFailed[index].sum();
    }

    /**
     * The counters by name, e.g. {@code matched}, {@code actions[0].RepublishAction.failed}: what the
     * stop log and the JMX bean show.
     * @param actionNames the rule's actions' {@code failedActionName()}s, in order
     */
    public Map<String, Long> snapshot(List<String> actionNames) {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("matched", matched.sum());
        values.put("notMatched", notMatched.sum());
        values.put("failed", failed.sum());
        values.put("dropped", dropped.sum());
        for (int i = 0; i < actionSucceeded.length; i++) {
            String name = "actions[" + i + "]." + (i < actionNames.size() ? actionNames.get(i) : "action");
            values.put(name + ".succeeded", actionSucceeded[i].sum());
            values.put(name + ".failed", actionFailed[i].sum());
        }
        values.put("errorAction.failed", errorActionFailed.sum());
        return values;
    }
}
