package dev.iotcorelocal.packet;

import java.util.List;

/**
 * CONNACK. Null properties are omitted on the wire. For MQTT 3.1.1 only {@code sessionPresent}
 * and the return code (mapped from the reason code) are encoded.
 */
public record Connack(boolean sessionPresent, ReasonCode reasonCode,
                      Long sessionExpiryInterval, Integer receiveMaximum, Integer maximumQos,
                      Boolean retainAvailable, Long maximumPacketSize, String assignedClientIdentifier,
                      Integer topicAliasMaximum, String reasonString, List<UserProperty> userProperties,
                      Boolean wildcardSubscriptionAvailable, Boolean subscriptionIdentifiersAvailable,
                      Boolean sharedSubscriptionAvailable, Integer serverKeepAlive) implements MqttPacket {

    public Connack {
        userProperties = List.copyOf(userProperties);
    }

    /** A refusal: reason code and optional reason string, no capability properties. */
    public static Connack refusal(ReasonCode reasonCode, String reasonString) {
        return new Connack(false, reasonCode, null, null, null, null, null, null, null,
                reasonString, List.of(), null, null, null, null);
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
