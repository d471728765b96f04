package dev.iotcorelocal.packet;

import java.util.List;

/** AUTH (enhanced authentication). Decoded so it can be refused precisely; AWS does not support it. */
public record Auth(ReasonCode reasonCode, String authenticationMethod, byte[] authenticationData,
                   String reasonString, List<UserProperty> userProperties) implements MqttPacket {
    public Auth {
        userProperties = List.copyOf(userProperties);
    }

    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }
}
