package dev.iotcorelocal.packet;

import java.util.List;

/** DISCONNECT. {@code sessionExpiryInterval} is null when absent. */
public record Disconnect(ReasonCode reasonCode, Long sessionExpiryInterval, String reasonString,
                         String serverReference, List<UserProperty> userProperties) implements MqttPacket {
    public static final Disconnect NORMAL = new Disconnect(ReasonCode.SUCCESS, null, null, null, List.of());

    public Disconnect {
        userProperties = List.copyOf(userProperties);
    }

    public static Disconnect of(ReasonCode reasonCode, String reasonString) {
        return new Disconnect(reasonCode, null, reasonString, null, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
