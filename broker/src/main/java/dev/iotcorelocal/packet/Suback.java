package dev.iotcorelocal.packet;

import java.util.List;

/** SUBACK: one reason code per requested filter, in request order. */
public record Suback(int packetId, List<ReasonCode> reasonCodes, String reasonString,
                     List<UserProperty> userProperties) implements MqttPacket {
    public Suback {
        reasonCodes = List.copyOf(reasonCodes);
        userProperties = List.copyOf(userProperties);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
