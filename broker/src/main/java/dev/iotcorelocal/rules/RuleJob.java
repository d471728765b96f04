package dev.iotcorelocal.rules;

import dev.iotcorelocal.message.Message;

import java.util.List;

/**
 * One message for the rules that want it: {@code topic} is what {@code topic()} sees (Basic
 * Ingest's prefix removed), {@code depth} how many republishes led to it.
 */
record RuleJob(Message message, String topic, List<CompiledRule> rules, int depth) {
}
