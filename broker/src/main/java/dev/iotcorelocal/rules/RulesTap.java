package dev.iotcorelocal.rules;

import dev.iotcorelocal.delivery.MessageTap;
import dev.iotcorelocal.limits.LimitChecks;
import dev.iotcorelocal.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rules engine's view of routed messages, on the publisher's thread (often an event loop):
 * finds the enabled rules whose FROM filter matches, or for Basic Ingest
 * ({@code $aws/rules/<rule>/...}) that one rule, and queues the message for a rules thread.
 * A topic no rule wants costs a volatile read and a trie walk; nothing here blocks or parses.
 */
public final class RulesTap implements MessageTap {
    private static final Logger LOG = LoggerFactory.getLogger(RulesTap.class);
    private final RuleStore store;
    private final RuleLanes lanes;
    private final RuleRunner runner;
    private final int maxDepth;
    private final AtomicBoolean loopLogged = new AtomicBoolean();
    private final AtomicBoolean ingestLogged = new AtomicBoolean();

    RulesTap(RuleStore store, RuleLanes lanes, RuleRunner runner, int maxDepth) {
        this.store = store;
        this.lanes = lanes;
        this.runner = runner;
        this.maxDepth = maxDepth;
    }

    @Override
    public void routed(Message message) {
        String topic = message.topic();
        if (LimitChecks.isBasicIngest(topic)) {
            ingest(message, topic);
            return;
        }
        List<CompiledRule> rules = store.current().matching(topic);
        if (!rules.isEmpty()) {
            submit(new RuleJob(message, topic, rules, RuleDepth.current()));
        }
    }

    /** Basic Ingest: the rule the topic names, whatever its FROM; {@code topic()} sees the rest. */
    private void ingest(Message message, String topic) {
        int nameEnd = topic.indexOf('/', LimitChecks.BASIC_INGEST_PREFIX.length());
        String name = topic.substring(LimitChecks.BASIC_INGEST_PREFIX.length(), nameEnd < 0 ? topic.length() : nameEnd);
        CompiledRule rule = store.current().get(name);
        if (rule == null || rule.rule().disabled()) {
            String why = rule == null ? "no rule has that name" : "the rule is disabled";
            if (!ingestLogged.getAndSet(true)) {
                LOG.warn("Basic Ingest message on '{}' dropped: {} (AWS counts it as RuleNotFound; later such "
                        + "messages are logged at DEBUG)", topic, why);
            } else {
                LOG.debug("Basic Ingest message on '{}' dropped: {}", topic, why);
            }
            return;
        }
        submit(new RuleJob(message, nameEnd < 0 ? "" : topic.substring(nameEnd + 1), List.of(rule),
                RuleDepth.current()));
    }

    private void submit(RuleJob job) {
        if (job.depth() > maxDepth) {
            for (CompiledRule rule : job.rules()) {
                rule.counters().dropped();
            }
            if (!loopLogged.getAndSet(true)) {
                LOG.warn("A message on '{}' is the {}th republish in a row, over rules.republish-max-depth ({}): "
                        + "rules {} do not evaluate it. A rule probably republishes to a topic its own FROM matches "
                        + "(later cases are logged at DEBUG)", job.message().topic(), job.depth(), maxDepth,
                        names(job.rules()));
            } else {
                LOG.debug("Republish loop capped on '{}' for rules {}", job.message().topic(), names(job.rules()));
            }
            return;
        }
        String publisher = job.message().originClientId();
        if (!lanes.submit(publisher == null ? job.message().topic() : publisher, () -> runner.run(job))) {
            for (CompiledRule rule : job.rules()) {
                rule.counters().dropped();
            }
        }
    }

    private static List<String> names(List<CompiledRule> rules) {
        return rules.stream().map(CompiledRule::name).toList();
    }
}
