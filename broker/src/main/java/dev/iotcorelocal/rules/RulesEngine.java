package dev.iotcorelocal.rules;

import dev.iotcorelocal.delivery.MessageTap;
import dev.iotcorelocal.rules.action.RuleAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running engine: the rules threads and the tap that feeds them. Its counters (per rule and
 * action) can be read while it runs ({@link #counters()}, and over JMX as {@link RulesMXBean} once there is a
 * rule) and are logged at INFO when it stops.
 */
public final class RulesEngine implements AutoCloseable, RulesMXBean {
    private static final Logger LOG = LoggerFactory.getLogger(RulesEngine.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private final RuleStore store;
    private final RuleLanes lanes;
    private final RulesTap tap;
    private ObjectName jmxName;
    private boolean closed;

    private RulesEngine(RuleStore store, RuleLanes lanes, RulesTap tap) {
        this.store = store;
        this.lanes = lanes;
        this.tap = tap;
    }

    /** Starts the rules threads ({@code rules-0}, ...), each with a queue of {@code queueCapacity} messages. */
    public static RulesEngine start(RuleStore store, Clock clock, int threads, int queueCapacity, int maxDepth) {
        RuleLanes lanes = new RuleLanes(threads, queueCapacity);
        RulesEngine engine = new RulesEngine(store, lanes, new RulesTap(store, lanes, new RuleRunner(clock), maxDepth));
        if (store.current().size() > 0) {
            engine.publishOverJmx();
        }
        return engine;
    }

    /**
     * Registers the counters' MBean, once; the broker calls it with the first rule. Not at start:
     * the platform MBean server's first use builds every JVM MXBean, 0.1 s of a one-second start
     * for an engine that may never hold a rule. Several brokers may run in one JVM (tests,
     * embedders): each engine gets its own instance number.
     */
    public synchronized void publishOverJmx() {
        if (jmxName != null || closed) {
            return;
        }
        try {
            ObjectName name = new ObjectName("dev.iotcorelocal:type=Rules,instance=" + INSTANCES.incrementAndGet());
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, name);
            jmxName = name;
        } catch (JMException | SecurityException e) {
            LOG.debug("Rules counters are not published over JMX: {}", e.toString());
        }
    }

    /** What the router hands every routed message and every Basic Ingest message to. */
    public MessageTap tap() {
        return tap;
    }

    /** Every rule's counters by rule name, e.g. {@code {"alerts": {"matched": 3, ...}}}. */
    public Map<String, Map<String, Long>> counters() {
        Map<String, Map<String, Long>> all = new LinkedHashMap<>();
        for (CompiledRule rule : store.current().all()) {
            List<String> names = rule.actions().stream().map(RuleAction::failedActionName).toList();
            all.put(rule.name(), rule.counters().snapshot(names));
        }
        return all;
    }

    /** Messages not evaluated because a rules queue was full, since start. */
    public long droppedMessages() {
        return lanes.dropped();
    }

    /** The JMX name this engine's counters are published under, or null before the first rule or when JMX refused. */
    synchronized ObjectName jmxName() {
        return jmxName;
    }

    @Override
    public Map<String, Map<String, Long>> getCounters() {
        return counters();
    }

    @Override
    public long getDroppedMessages() {
        return droppedMessages();
    }

    @Override
    public void close() {
        lanes.close();
        unpublish();
        Map<String, Map<String, Long>> counters = counters();
        if (!counters.isEmpty()) {
            LOG.info("Rules engine stopped; what each rule did: {} (messages dropped at full queues: {})", counters,
                    lanes.dropped());
        }
    }

    private synchronized void unpublish() {
        closed = true;
        if (jmxName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(jmxName);
            } catch (JMException e) {
                LOG.debug("Unregistering {} failed: {}", jmxName, e.toString());
            }
            jmxName = null;
        }
    }
}
