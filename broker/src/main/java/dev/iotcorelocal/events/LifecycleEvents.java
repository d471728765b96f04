package dev.iotcorelocal.events;

import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.PublishProperties;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * AWS IoT's lifecycle events, published through the router like any message (QoS 0, not
 * retained), so every subscriber's Receive check applies. They bypass the reserved-topic rule
 * only because they never pass through a client's PUBLISH: clients still cannot publish to
 * {@code $aws/events/...}. Timestamps come from the broker's clock.
 */
public final class LifecycleEvents implements ConnectionEvents {
    static final String PRESENCE = "$aws/events/presence/";
    static final String SUBSCRIPTIONS = "$aws/events/subscriptions/";

    private final Consumer<Message> router;
    private final Clock clock;
    private final VersionNumbers versions;

    /** @param router routes a message to its subscribers ({@code Router::route}) */
    public LifecycleEvents(Consumer<Message> router, Clock clock) {
        this.router = router;
        this.clock = clock;
        this.versions = new VersionNumbers(clock);
    }

    /** AWS publishes nothing for client IDs containing '+' or '#' (they would be wildcards in the topic). */
    static boolean publishesFor(String clientId) {
        return clientId.indexOf('+') < 0 && clientId.indexOf('#') < 0;
    }

    @Override
    public ConnectionLifecycle accepted(ConnectionFacts facts) {
        return publishesFor(facts.clientId()) ? new TrackedConnection(this, facts) : ConnectionLifecycle.NONE;
    }

    @Override
    public void connectFailed(ConnectionFacts facts, String ipAddress) {
        if (publishesFor(facts.clientId())) {
            publish(PRESENCE + "connect_failed/", facts.clientId(),
                    LifecycleEventJson.connectFailed(facts, clock.millis(), ipAddress));
        }
    }

    /** Publishes connected and returns its version number ({@code takenOver}: the predecessor's, or -1). */
    long connected(TrackedConnection connection, String ipAddress, long takenOver) {
        long version = versions.connected(connection.clientId(), takenOver);
        publish(PRESENCE + "connected/", connection.clientId(),
                LifecycleEventJson.connected(connection.facts(), clock.millis(), ipAddress, version));
        return version;
    }

    void disconnected(TrackedConnection connection, DisconnectReason reason, long version, long sessionExpirySeconds) {
        publish(PRESENCE + "disconnected/", connection.clientId(),
                LifecycleEventJson.disconnected(connection.facts(), clock.millis(), reason, version));
        versions.disconnected(connection.clientId(), version, sessionExpirySeconds);
    }

    /** @param eventType "subscribed" or "unsubscribed" */
    void subscriptions(TrackedConnection connection, String eventType, List<String> filters) {
        publish(SUBSCRIPTIONS + eventType + "/", connection.clientId(),
                LifecycleEventJson.subscriptions(connection.facts(), clock.millis(), eventType, filters));
    }

    private void publish(String topicPrefix, String clientId, byte[] payload) {
        router.accept(new Message(topicPrefix + clientId, payload, 0, false, PublishProperties.EMPTY,
                Message.NEVER, null));
    }
}
