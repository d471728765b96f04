package dev.iotcorelocal.rules;

import dev.iotcorelocal.routing.FilterTrie;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every rule at one moment, immutable: by name (sorted, for ListTopicRules' paging) and the
 * enabled ones by FROM filter, so the tap finds a topic's rules with one trie walk however many
 * rules do not match. A change makes a new set.
 */
public final class RuleSet {
    private final Map<String, CompiledRule> byName;
    private final FilterTrie<CompiledRule> enabledByFilter;
    private final boolean hashMatchesParent;

    private RuleSet(Map<String, CompiledRule> byName, boolean hashMatchesParent) {
        this.byName = Collections.unmodifiableMap(byName);
        this.hashMatchesParent = hashMatchesParent;
        List<Map.Entry<String, CompiledRule>> filters = new ArrayList<>();
        for (CompiledRule rule : byName.values()) {
            if (!rule.rule().disabled() && rule.query().fromFilter() != null) {
                filters.add(Map.entry(rule.query().fromFilter(), rule));
            }
        }
        this.enabledByFilter = FilterTrie.of(filters, hashMatchesParent);
    }

    /** @param hashMatchesParent the broker's {@code mqtt.hash-matches-parent}, so rules match as subscriptions do */
    public static RuleSet empty(boolean hashMatchesParent) {
        return new RuleSet(new TreeMap<>(), hashMatchesParent);
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public int size() {
        return byName.size();
    }

    /** The rule, or null. */
    public CompiledRule get(String name) {
        return byName.get(name);
    }

    /** Every rule, by name. */
    public Collection<CompiledRule> all() {
        return byName.values();
    }

    /** The enabled rules whose FROM filter matches the topic; empty (and nothing allocated) when none does. */
    public List<CompiledRule> matching(String topic) {
        return enabledByFilter.match(topic);
    }

    /** This set with the rule added or replaced. */
    public RuleSet with(CompiledRule rule) {
        TreeMap<String, CompiledRule> next = new TreeMap<>(byName);
        next.put(rule.name(), rule);
        return new RuleSet(next, hashMatchesParent);
    }

    public RuleSet without(String name) {
        TreeMap<String, CompiledRule> next = new TreeMap<>(byName);
        next.remove(name);
        return new RuleSet(next, hashMatchesParent);
    }
}
