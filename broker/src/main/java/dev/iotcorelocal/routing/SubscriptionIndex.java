package dev.iotcorelocal.routing;

import java.util.function.Consumer;

/** Finds the subscriptions matching a topic. Reads are concurrent and lock-free; writes are rare. */
public interface SubscriptionIndex {

    /** Adds the subscription, replacing one of the same client for the same filter. */
    void add(Subscription subscription);

    /** Removes the client's subscription to this filter key; true if there was one. */
    boolean remove(String clientId, TopicFilter filter);

    /**
     * Calls {@code consumer} once per matching subscription; of each matching share group exactly
     * one member's subscription is chosen (round robin). A client with several matching
     * subscriptions is reported once per subscription: deduplication is the caller's.
     */
    void match(String topic, Consumer<Subscription> consumer);

    /** Number of subscriptions held, for metrics and tests. */
    int size();
}
