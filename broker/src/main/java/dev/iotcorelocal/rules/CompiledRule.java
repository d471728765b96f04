package dev.iotcorelocal.rules;

import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledQuery;

import java.util.List;

/**
 * A rule ready to run: its definition, its SQL compiled once, its actions built once, and the
 * counters that say what it did.
 *
 * @param errorAction null when the rule has none
 */
public record CompiledRule(TopicRule rule, CompiledQuery query, List<RuleAction> actions, RuleAction errorAction,
                           RuleCounters counters) {
    public CompiledRule {
        actions = List.copyOf(actions);
    }

    public String name() {
        return rule.name();
    }

    public CompiledRule withDisabled(boolean disabled) {
        return new CompiledRule(rule.withDisabled(disabled), query, actions, errorAction, counters);
    }
}
