package dev.iotcorelocal.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * Retained messages, one per topic, within a bound on their count and payload bytes, each with the
 * time it was stored (iot-data's GetRetainedMessage reports it). AWS IoT Core delivers a retained
 * message on subscribe only to a filter equal to its topic, so an exact lookup is all subscribing
 * needs. Reads take no lock; changes (RETAIN publishes, which are rare) serialise on the store so
 * the totals stay exact.
 *
 * @param <M> the retained message type (kept generic so routing does not depend on delivery)
 */
public final class RetainedStore<M> {
    private static final Logger LOG = LoggerFactory.getLogger(RetainedStore.class);

    private final ConcurrentHashMap<String, Entry<M>> byTopic = new ConcurrentHashMap<>();
    private final int maxMessages;
    private final long maxBytes;
    private final ToIntFunction<M> sizeOf;
    private final LongSupplier clock;
    private long bytes;
    private boolean warned;

    /** A retained message and when it was stored, in epoch milliseconds of the store's clock. */
    public record Entry<M>(String topic, M message, long storedAt) {
    }

    /** Unbounded, on the system clock: for tests and embedding. */
    public RetainedStore() {
        this(0, 0, m -> 0, System::currentTimeMillis);
    }

    /**
     * @param maxMessages 0 for no bound on the count
     * @param maxBytes    0 for no bound on the bytes, as {@code sizeOf} counts them
     * @param clockMillis the broker's clock, for the stored times
     */
    public RetainedStore(int maxMessages, long maxBytes, ToIntFunction<M> sizeOf, LongSupplier clockMillis) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.sizeOf = sizeOf;
        this.clock = clockMillis;
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
        Entry<M> previous = byTopic.put(topic, new Entry<>(topic, message, clock.getAsLong()));
        bytes += sizeOf.applyAsInt(message) - (previous == null ? 0 : sizeOf.applyAsInt(previous.message()));
        return true;
    }

    /** Whether a retained message of this size on this topic would be stored now. */
    public synchronized boolean fits(String topic, int size) {
        Entry<M> previous = byTopic.get(topic);
        int count = byTopic.size() + (previous == null ? 1 : 0);
        long after = bytes + size - (previous == null ? 0 : sizeOf.applyAsInt(previous.message()));
        return (maxMessages <= 0 || count <= maxMessages) && (maxBytes <= 0 || after <= maxBytes);
    }

    public synchronized void remove(String topic) {
        Entry<M> previous = byTopic.remove(topic);
        if (previous != null) {
            bytes -= sizeOf.applyAsInt(previous.message());
        }
    }

    /** The retained message on exactly this topic, or null. */
    public M get(String topic) {
        Entry<M> entry = byTopic.get(topic);
        return entry == null ? null : entry.message();
    }

    /** The entry on exactly this topic, or null. */
    public Entry<M> entry(String topic) {
        return byTopic.get(topic);
    }

    /** Every entry, ordered by topic: a stable order to page through. A snapshot, not a live view. */
    public List<Entry<M>> entries() {
        List<Entry<M>> all = new ArrayList<>(byTopic.values());
        all.sort(Comparator.comparing(Entry::topic));
        return all;
    }

    /** Removes the message only if it is still the one given (used to drop expired ones). */
    public synchronized void removeIfSame(String topic, M message) {
        Entry<M> entry = byTopic.get(topic);
        if (entry != null && entry.message() == message) {
            byTopic.remove(topic);
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
