package dev.iotcorelocal.protocol;

import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.message.Origin;
import dev.iotcorelocal.packet.PublishProperties;

/**
 * Turns a received PUBLISH or Will into a routed {@link Message}. AWS IoT Core clamps a Message
 * Expiry Interval to [1, 604800] seconds instead of refusing it; the clamped value is what
 * subscribers count down from, so it replaces the original in the properties.
 */
final class MessageExpiry {
    static final long MAXIMUM = 604_800;

    private MessageExpiry() {
    }

    static long clamp(long seconds) {
        return Math.max(1, Math.min(seconds, MAXIMUM));
    }

    /** @param properties without a topic alias (routed messages never carry one) */
    static Message message(String topic, byte[] payload, int qos, boolean retain, PublishProperties properties,
                           String originClientId, long nowMillis) {
        return message(topic, payload, qos, retain, properties, originClientId, null, nowMillis);
    }

    /** @param origin the MQTT publisher's principal and address, or null */
    static Message message(String topic, byte[] payload, int qos, boolean retain, PublishProperties properties,
                           String originClientId, Origin origin, long nowMillis) {
        Long expiry = properties.messageExpiryInterval();
        long expiresAt = Message.NEVER;
        if (expiry != null) {
            long clamped = clamp(expiry);
            expiresAt = nowMillis + clamped * 1000;
            if (clamped != expiry) {
                properties = properties.withMessageExpiry(clamped);
            }
        }
        return new Message(topic, payload, qos, retain, properties, expiresAt, originClientId, origin);
    }
}
