package dev.iotcorelocal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.routing.FilterTrie;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The control plane's rule operations (CreateTopicRule and the rest) over the store: checks and
 * compiles outside the store's lock, then changes the set in one step. AWS answers
 * UnauthorizedException, not ResourceNotFoundException, for a rule that does not exist.
 */
public final class TopicRules {
    /** AWS's quota: 1000 topic rules per account and region. */
    public static final int MAX_RULES = 1000;
    private final RuleStore store;
    private final RuleCompiler compiler;
    private final Clock clock;
    private volatile Runnable firstRuleHook = () -> { };

    public TopicRules(RuleStore store, RuleCompiler compiler, Clock clock) {
        this.store = store;
        this.compiler = compiler;
        this.clock = clock;
    }

    public TopicRule create(String name, JsonNode payload, int sizeBytes) {
        RulePayload checked = RulePayload.parse(payload, sizeBytes);
        CompiledRule rule = compiler.compile(RulePayload.checkName(name), checked, clock.instant(),
                new RuleCounters(checked.actions().size()));
        RuleSet created = store.update(rules -> {
            if (rules.get(name) != null) {
                throw new RuleException(RuleException.Kind.ALREADY_EXISTS, "Rule '" + name + "' already exists.");
            }
            if (rules.size() >= MAX_RULES) {
                throw new RuleException(RuleException.Kind.LIMIT_EXCEEDED, "At most " + MAX_RULES
                        + " topic rules can exist.");
            }
            return rules.with(rule);
        });
        if (created.size() == 1) { // one writer at a time: exactly one create makes the set's first rule
            firstRuleHook.run();
        }
        return rule.rule();
    }

    /** Runs {@code hook} after each create that leaves exactly one rule (the first, or the first again). */
    public void onFirstRule(Runnable hook) {
        firstRuleHook = hook;
    }

    /** ReplaceTopicRule: a new payload, the same name, ARN and creation time. */
    public TopicRule replace(String name, JsonNode payload, int sizeBytes) {
        RulePayload checked = RulePayload.parse(payload, sizeBytes);
        CompiledRule existing = require(store.current(), name);
        CompiledRule rule = compiler.compile(name, checked, existing.rule().createdAt(),
                new RuleCounters(checked.actions().size()));
        store.update(rules -> {
            require(rules, name);
            return rules.with(rule);
        });
        return rule.rule();
    }

    public TopicRule get(String name) {
        return require(store.current(), RulePayload.checkName(name)).rule();
    }

    /**
     * ListTopicRules, by name. {@code topic}: only rules whose FROM filter matches that topic or
     * is that text exactly; {@code disabled}: only rules in that state; null for all.
     */
    public List<TopicRule> list(String topic, Boolean disabled) {
        RuleSet rules = store.current();
        return rules.all().stream().map(CompiledRule::rule)
                .filter(rule -> disabled == null || rule.disabled() == disabled)
                .filter(rule -> topic == null || matches(rules.get(rule.name()).query().fromFilter(), topic))
                .toList();
    }

    private static boolean matches(String filter, String topic) {
        return filter != null && (filter.equals(topic)
                || !FilterTrie.of(List.of(Map.entry(filter, Boolean.TRUE)), false).match(topic).isEmpty());
    }

    public void delete(String name) {
        store.update(rules -> {
            require(rules, RulePayload.checkName(name));
            return rules.without(name);
        });
    }

    public void setDisabled(String name, boolean disabled) {
        store.update(rules -> rules.with(require(rules, RulePayload.checkName(name)).withDisabled(disabled)));
    }

    /** The rule's FROM filter as written (ListTopicRules' topicPattern), or null without FROM. */
    public String fromFilter(String name) {
        CompiledRule rule = store.current().get(name);
        return rule == null ? null : rule.query().fromFilter();
    }

    /** The current rules (the engine's counters report). */
    public RuleSet current() {
        return store.current();
    }

    private static CompiledRule require(RuleSet rules, String name) {
        CompiledRule rule = rules.get(name);
        if (rule == null) {
            throw new RuleException(RuleException.Kind.NOT_FOUND, "Rule '" + name + "' does not exist.");
        }
        return rule;
    }
}
