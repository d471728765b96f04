package dev.iotcorelocal.message;

import dev.iotcorelocal.packet.PublishProperties;

import java.util.Objects;

/**
 * An application message as routed: immutable and shared by every subscriber it goes to.
 * {@code expiresAt} is epoch milliseconds from the broker's clock, {@link #NEVER} when the
 * publisher set no Message Expiry Interval. The payload array is never mutated. {@code origin} is
 * the MQTT publisher's principal and address (one instance per connection), or null when the
 * message did not come from an MQTT client: the rules engine's {@code principal()} and
 * {@code sourceip()} read it.
 */
public record Message(String topic, byte[] payload, int qos, boolean retain, PublishProperties properties,
                      long expiresAt, String originClientId, Origin origin) {
    public static final long NEVER = Long.MAX_VALUE;

    /** A message with no MQTT publisher identity (services, tests). */
    public Message(String topic, byte[] payload, int qos, boolean retain, PublishProperties properties,
                   long expiresAt, String originClientId) {
        this(topic, payload, qos, retain, properties, expiresAt, originClientId, null);
    }

    public Message {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(properties, "properties");
    }

    public boolean isExpired(long nowMillis) {
        return nowMillis >= expiresAt;
    }

    /** Whole seconds left, rounded down (0 under a second), or null when the message never expires. */
    public Long remainingExpirySeconds(long nowMillis) {
        if (expiresAt == NEVER) {
            return null;
        }
        return Math.max(0, (expiresAt - nowMillis) / 1000);
    }
}
