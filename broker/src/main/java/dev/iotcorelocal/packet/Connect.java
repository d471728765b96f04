package dev.iotcorelocal.packet;

import java.util.List;
import java.util.Objects;

/**
 * CONNECT. MQTT 5 properties that are absent take their spec defaults here
 * (receive maximum 65535, no packet size limit = 0, topic alias maximum 0, problem information on).
 */
public record Connect(MqttVersion version, String clientId, boolean cleanStart, int keepAlive,
                      String username, byte[] password, Will will,
                      long sessionExpiryInterval, int receiveMaximum, long maximumPacketSize,
                      int topicAliasMaximum, boolean requestResponseInformation,
                      boolean requestProblemInformation, String authenticationMethod,
                      byte[] authenticationData, List<UserProperty> userProperties) implements MqttPacket {

    public Connect {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(clientId, "clientId");
        userProperties = List.copyOf(userProperties);
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }
}
