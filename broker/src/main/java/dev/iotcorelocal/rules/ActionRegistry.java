package dev.iotcorelocal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The action types this broker runs, by their key in a rule's {@code actions[]}. A key nobody
 * registered still loads (spec B4): the action is logged as not emulated and fails on every
 * message, so the rule's error action sees it.
 */
public final class ActionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ActionRegistry.class);
    private final Map<String, ActionFactory> factories;

    public ActionRegistry(List<ActionFactory> factories) {
        Map<String, ActionFactory> byKey = new LinkedHashMap<>();
        for (ActionFactory factory : factories) {
            if (byKey.putIfAbsent(factory.key(), factory) != null) {
                throw new IllegalArgumentException("two action factories for '" + factory.key() + "'");
            }
        }
        this.factories = Map.copyOf(byKey);
    }

    /** @param action a checked {@code {"<key>": {...}}} object ({@link RulePayload}) */
    RuleAction create(String ruleName, JsonNode action, String where, ActionEnvironment environment) {
        String key = action.fieldNames().next();
        ActionFactory factory = factories.get(key);
        if (factory == null) {
            LOG.warn("Rule '{}': action '{}' ({}) is not emulated by iotcore-local; it fails on every message and "
                    + "the rule's error action runs", ruleName, key, where);
            return new NotEmulatedAction(key);
        }
        try {
            return factory.create(action.get(key), environment);
        } catch (InvalidActionException e) {
            throw RuleException.invalid(where + "." + key + ": " + e.getMessage());
        }
    }

    /** The registered keys, for the start-up log and docs. */
    public List<String> keys() {
        return factories.keySet().stream().sorted().toList();
    }
}
