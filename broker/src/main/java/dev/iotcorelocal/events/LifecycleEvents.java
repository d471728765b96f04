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
    public ConnectionLifecycle accepted(ConnectionFacts facts, String ipAddress, long sessionExpirySeconds) {
        if (!publishesFor(facts.clientId())) {
            return ConnectionLifecycle.NONE;
        }
        return new TrackedConnection(this, facts, ipAddress, versions.connected(facts.clientId()), sessionExpirySeconds);
    }

    @Override
    public void connectFailed(ConnectionFacts facts, String ipAddress) {
        if (publishesFor(facts.clientId())) {
            publish(PRESENCE + "connect_failed/", facts,
                    LifecycleEventJson.connectFailed(facts, clock.millis(), ipAddress));
        }
    }

    void connected(ConnectionFacts facts, String ipAddress, long versionNumber) {
        publish(PRESENCE + "connected/", facts, LifecycleEventJson.connected(facts, clock.millis(), ipAddress,
                versionNumber));
    }

    void disconnected(ConnectionFacts facts, DisconnectReason reason, long versionNumber, long sessionExpirySeconds) {
        publish(PRESENCE + "disconnected/", facts, LifecycleEventJson.disconnected(facts, clock.millis(), reason,
                versionNumber));
        versions.disconnected(facts.clientId(), sessionExpirySeconds);
    }

    /** @param eventType "subscribed" or "unsubscribed" */
    void subscriptions(ConnectionFacts facts, String eventType, List<String> filters) {
        publish(SUBSCRIPTIONS + eventType + "/", facts,
                LifecycleEventJson.subscriptions(facts, clock.millis(), eventType, filters));
    }

    private void publish(String topicPrefix, ConnectionFacts facts, byte[] payload) {
        router.accept(new Message(topicPrefix + facts.clientId(), payload, 0, false, PublishProperties.EMPTY,
                Message.NEVER, null));
    }
}
