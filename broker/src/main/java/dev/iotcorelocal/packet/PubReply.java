package dev.iotcorelocal.packet;

import java.util.List;

/** PUBACK, PUBREC, PUBREL or PUBCOMP: they share one layout. */
public record PubReply(PacketType type, int packetId, ReasonCode reasonCode, String reasonString,
                       List<UserProperty> userProperties) implements MqttPacket {

    public PubReply {
        if (!type.isPublishReply()) {
            throw new IllegalArgumentException("not a publish reply: " + type);
        }
        userProperties = List.copyOf(userProperties);
    }

    public static PubReply puback(int packetId, ReasonCode reasonCode) {
        return new PubReply(PacketType.PUBACK, packetId, reasonCode, null, List.of());
    }

    public static PubReply puback(int packetId, ReasonCode reasonCode, String reasonString) {
        return new PubReply(PacketType.PUBACK, packetId, reasonCode, reasonString, List.of());
    }
}
