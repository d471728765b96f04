package dev.iotcorelocal.packet;

import java.util.List;

/** UNSUBSCRIBE. */
public record Unsubscribe(int packetId, List<String> filters, List<UserProperty> userProperties)
        implements MqttPacket {
    public Unsubscribe {
        filters = List.copyOf(filters);
        userProperties = List.copyOf(userProperties);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
