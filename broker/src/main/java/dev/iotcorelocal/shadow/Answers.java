package dev.iotcorelocal.shadow;

/**
 * Which of a request's documents someone will read, so the engine writes only those: an
 * {@code update/documents} nobody subscribes to is about 24 KB of JSON for a 4 KB state, thrown
 * away. An HTTP call always wants its accepted document (it is the response body).
 */
public record Answers(boolean accepted, boolean delta, boolean documents) {
    public static final Answers ALL = new Answers(true, true, true);

    /** What the subscribers of the key's answer topics, at this moment, would receive. */
    static Answers subscribed(ShadowPublisher publisher, ShadowKey key, ShadowOperation operation, boolean http) {
        boolean update = operation == ShadowOperation.UPDATE;
        return new Answers(http || publisher.hasSubscriber(ShadowTopics.accepted(key, operation)),
                update && publisher.hasSubscriber(ShadowTopics.delta(key)),
                update && publisher.hasSubscriber(ShadowTopics.documents(key)));
    }
}
