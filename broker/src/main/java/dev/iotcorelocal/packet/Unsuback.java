package dev.iotcorelocal.packet;

import java.util.List;

/** UNSUBACK: one reason code per filter (MQTT 5 only; 3.1.1 encodes the packet id alone). */
public record Unsuback(int packetId, List<ReasonCode> reasonCodes, String reasonString,
                       List<UserProperty> userProperties) implements MqttPacket {
    public Unsuback {
        reasonCodes = List.copyOf(reasonCodes);
        userProperties = List.copyOf(userProperties);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
