package dev.iotcorelocal.packet;

import java.util.Objects;

/**
 * PUBLISH. {@code topic} may be empty when an MQTT 5 client uses a topic alias; the payload array
 * is shared between subscribers and must never be mutated.
 */
public record Publish(String topic, int qos, boolean retain, boolean dup, int packetId,
                      PublishProperties properties, byte[] payload) implements MqttPacket {

    public Publish {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(payload, "payload");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos " + qos);
        }
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    public Publish withTopic(String resolvedTopic) {
        return new Publish(resolvedTopic, qos, retain, dup, packetId, properties, payload);
    }
}
