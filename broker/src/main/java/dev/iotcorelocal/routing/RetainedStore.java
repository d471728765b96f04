package dev.iotcorelocal.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Retained messages, one per topic, with the time each was stored (iot-data's GetRetainedMessage
 * reports it). AWS IoT Core delivers a retained message on subscribe only to a filter equal to its
 * topic, so an exact lookup is all subscribing needs.
 *
 * @param <M> the retained message type (kept generic so routing does not depend on delivery)
 */
public final class RetainedStore<M> {
    private final ConcurrentHashMap<String, Entry<M>> byTopic = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    /** A retained message and when it was stored, in epoch milliseconds of the store's clock. */
    public record Entry<M>(String topic, M message, long storedAt) {
    }

    /** Stores with the system clock; the broker passes its own. */
    public RetainedStore() {
        this(System::currentTimeMillis);
    }

    public RetainedStore(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    public void put(String topic, M message) {
        byTopic.put(topic, new Entry<>(topic, message, clock.getAsLong()));
    }

    public void remove(String topic) {
        byTopic.remove(topic);
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
    public void removeIfSame(String topic, M message) {
        byTopic.computeIfPresent(topic, (t, entry) -> entry.message() == message ? null : entry);
    }

    public int size() {
        return byTopic.size();
    }
}
