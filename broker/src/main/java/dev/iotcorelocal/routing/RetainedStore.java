package dev.iotcorelocal.routing;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Retained messages, one per topic. AWS IoT Core delivers a retained message on subscribe only
 * to a filter equal to its topic, so an exact lookup is all subscribing needs.
 *
 * @param <M> the retained message type (kept generic so routing does not depend on delivery)
 */
public final class RetainedStore<M> {
    private final ConcurrentHashMap<String, M> byTopic = new ConcurrentHashMap<>();

    public void put(String topic, M message) {
        byTopic.put(topic, message);
    }

    public void remove(String topic) {
        byTopic.remove(topic);
    }

    /** The retained message on exactly this topic, or null. */
    public M get(String topic) {
        return byTopic.get(topic);
    }

    /** Removes the message only if it is still the one given (used to drop expired ones). */
    public void removeIfSame(String topic, M message) {
        byTopic.remove(topic, message);
    }

    public int size() {
        return byTopic.size();
    }
}
