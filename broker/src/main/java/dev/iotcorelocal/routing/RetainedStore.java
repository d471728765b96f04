package dev.iotcorelocal.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Retained messages, one per topic, within a bound on their count and payload bytes. AWS IoT
 * Core delivers a retained message on subscribe only to a filter equal to its topic, so an exact
 * lookup is all subscribing needs. Reads take no lock; changes (RETAIN publishes, which are rare)
 * serialise on the store so the totals stay exact.
 *
 * @param <M> the retained message type (kept generic so routing does not depend on delivery)
 */
public final class RetainedStore<M> {
    private static final Logger LOG = LoggerFactory.getLogger(RetainedStore.class);

    private final ConcurrentHashMap<String, M> byTopic = new ConcurrentHashMap<>();
    private final int maxMessages;
    private final long maxBytes;
    private final ToIntFunction<M> sizeOf;
    private long bytes;
    private boolean warned;

    /** Unbounded: for tests and embedding. */
    public RetainedStore() {
        this(0, 0, m -> 0);
    }

    /**
     * @param maxMessages 0 for no bound on the count
     * @param maxBytes    0 for no bound on the bytes, as {@code sizeOf} counts them
     */
    public RetainedStore(int maxMessages, long maxBytes, ToIntFunction<M> sizeOf) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.sizeOf = sizeOf;
    }

    /**
     * Stores the message unless that would pass a bound; replacing a topic's message is refused
     * only when the new one is larger and the bytes bound is reached. False when refused (logged once).
     */
    public synchronized boolean put(String topic, M message) {
        if (!fits(topic, sizeOf.applyAsInt(message))) {
            if (!warned) {
                warned = true;
                LOG.warn("Retained messages reached their bound (memory.retained-max-messages {}, "
                        + "memory.retained-max-bytes {}): new retained messages are refused with PUBACK 0x97 "
                        + "until some are deleted (logged once)", maxMessages, maxBytes);
            }
            return false;
        }
        M previous = byTopic.put(topic, message);
        bytes += sizeOf.applyAsInt(message) - (previous == null ? 0 : sizeOf.applyAsInt(previous));
        return true;
    }

    /** Whether a retained message of this size on this topic would be stored now. */
    public synchronized boolean fits(String topic, int size) {
        M previous = byTopic.get(topic);
        int count = byTopic.size() + (previous == null ? 1 : 0);
        long after = bytes + size - (previous == null ? 0 : sizeOf.applyAsInt(previous));
        return (maxMessages <= 0 || count <= maxMessages) && (maxBytes <= 0 || after <= maxBytes);
    }

    public synchronized void remove(String topic) {
        M previous = byTopic.remove(topic);
        if (previous != null) {
            bytes -= sizeOf.applyAsInt(previous);
        }
    }

    /** The retained message on exactly this topic, or null. */
    public M get(String topic) {
        return byTopic.get(topic);
    }

    /** Removes the message only if it is still the one given (used to drop expired ones). */
    public synchronized void removeIfSame(String topic, M message) {
        if (byTopic.remove(topic, message)) {
            bytes -= sizeOf.applyAsInt(message);
        }
    }

    public int size() {
        return byTopic.size();
    }

    /** Bytes held, as {@code sizeOf} counts them. */
    public synchronized long bytes() {
        return bytes;
    }
}
