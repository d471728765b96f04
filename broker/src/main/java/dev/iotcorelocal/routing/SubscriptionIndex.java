package dev.iotcorelocal.routing;

import java.util.function.Consumer;

/** Finds the subscriptions matching a topic. Reads are concurrent and lock-free; writes are rare. */
public interface SubscriptionIndex {

    /** Adds the subscription, replacing one of the same client for the same filter. */
    void add(Subscription subscription);

    /** Removes the client's subscription to this filter key; true if there was one. */
    boolean remove(String clientId, TopicFilter filter);

    /**
     * Adds to {@code matches} every matching node's subscriptions and, of each matching share
     * group, one member (round robin). A client with several matching subscriptions appears once
     * per subscription: deduplication is the caller's.
     */
    void match(String topic, Matches matches);

    /** Convenience form of {@link #match(String, Matches)}: one call per matching subscription. */
    default void match(String topic, Consumer<Subscription> consumer) {
        Matches matches = new Matches();
        match(topic, matches);
        for (int g = 0; g < matches.groupCount(); g++) {
            for (Subscription s : matches.group(g)) {
                consumer.accept(s);
            }
        }
        for (int i = 0; i < matches.chosenCount(); i++) {
            consumer.accept(matches.chosen(i));
        }
    }

    /** Number of subscriptions held, for metrics and tests. */
    int size();
}
