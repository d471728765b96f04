package dev.iotcorelocal.packet;

import java.util.List;

/** SUBSCRIBE. {@code subscriptionIdentifier} is 0 when absent. */
public record Subscribe(int packetId, List<SubscriptionRequest> subscriptions, int subscriptionIdentifier,
                        List<UserProperty> userProperties) implements MqttPacket {
    public Subscribe {
        subscriptions = List.copyOf(subscriptions);
        userProperties = List.copyOf(userProperties);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
