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
     * group, one member (round robin among connected members; an offline one with a kept session
     * only when none is connected and the message goes at QoS 1). A client with several matching subscriptions appears once
     * per subscription: deduplication is the caller's.
     */
    void match(String topic, Matches matches, MemberPresence presence, int messageQos);

    /** As above, every share-group member counted as connected. */
    default void match(String topic, Matches matches) {
        match(topic, matches, MemberPresence.ALL_ONLINE, 1);
    }

    /**
     * Another member of the share group for a message its chosen member will not take (it left
     * the group), by the same rules as a match; null when no other member can take it.
     */
    Subscription chooseShareMember(TopicFilter share, String excludedClientId, MemberPresence presence, int messageQos);

    /**
     * As above for the group named by its key ({@code $share/<group>/<filter>}, as a delivery
     * carries it), without parsing the key again; null when the group has no members left.
     */
    Subscription chooseShareMember(String shareKey, String excludedClientId, MemberPresence presence, int messageQos);

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

    /**
     * Whether any subscription, plain or shared, matches the topic: a read-only walk that collects
     * nothing, for a publisher that would rather not build a message nobody receives. A
     * subscriber that comes a moment later may miss that message, as it would any other.
     */
    boolean hasSubscriber(String topic);

    /** Number of subscriptions held, for metrics and tests. */
    int size();
}
