package dev.iotcorelocal.routing;

import java.util.Objects;

/**
 * One client's subscription to one filter. {@code qos} is the granted QoS. The subscriber is
 * named by client ID so the index stays independent of sessions and connections.
 */
public record Subscription(String clientId, TopicFilter topicFilter, int qos, boolean noLocal,
                           boolean retainAsPublished, int retainHandling) {
    public Subscription {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topicFilter, "topicFilter");
    }

    public String key() {
        return topicFilter.key();
    }
}
