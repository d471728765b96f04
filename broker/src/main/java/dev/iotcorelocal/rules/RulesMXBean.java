package dev.iotcorelocal.rules;

import java.util.Map;

/**
 * The rules engine's counters over JMX ({@code dev.iotcorelocal:type=Rules,instance=N} in
 * jconsole or VisualVM): per rule, matched / notMatched / failed / dropped and each action's
 * succeeded and failed runs.
 */
public interface RulesMXBean {
    Map<String, Map<String, Long>> getCounters();

    long getDroppedMessages();
}
