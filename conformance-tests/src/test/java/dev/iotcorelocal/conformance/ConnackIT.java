package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckRestrictions;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CONNACK every AWS IoT Core MQTT 5 connection gets (profile section 0). */
@IotCoreLocal
class ConnackIT {
    private final IotCoreEndpoints broker;

    ConnackIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @Test
    void connackCarriesExactlyAwsPropertySetOverMutualTls() throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.connectV5("TestThing01", 60);
            byte[] connack = client.read();
            assertThat(connack[0]).isEqualTo((byte) 0x20);
            assertThat(connack[2]).as("session present").isZero();
            PacketView view = PacketView.of(connack);
            assertThat(view.reasonCode).isZero();
            assertThat(view.properties).containsExactlyInAnyOrderEntriesOf(Map.of(
                    0x11, 0L,        // Session Expiry Interval 0
                    0x13, 60,        // Server Keep Alive 60
                    0x21, 100,       // Receive Maximum
                    0x22, 8,         // Topic Alias Maximum
                    0x24, 1,         // Maximum QoS
                    0x25, 1,         // Retain Available
                    0x27, 149_504L,  // Maximum Packet Size
                    0x28, 1,         // Wildcard Subscription Available
                    0x29, 0,         // Subscription Identifier Available
                    0x2A, 1));       // Shared Subscription Available
        }
    }

    @Test
    void hivemqClientSeesTheSameRestrictions() {
        Mqtt5BlockingClient client = Clients.v5(broker, "TestThing02");
        Mqtt5ConnAck connAck = client.connectWith().keepAlive(60).send();
        try {
            Mqtt5ConnAckRestrictions r = connAck.getRestrictions();
            assertThat(r.getReceiveMaximum()).isEqualTo(100);
            assertThat(r.getTopicAliasMaximum()).isEqualTo(8);
            assertThat(r.getMaximumQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            assertThat(r.isRetainAvailable()).isTrue();
            assertThat(r.getMaximumPacketSize()).isEqualTo(149_504);
            assertThat(r.isWildcardSubscriptionAvailable()).isTrue();
            assertThat(r.isSharedSubscriptionAvailable()).isTrue();
            assertThat(r.areSubscriptionIdentifiersAvailable()).isFalse();
            assertThat(connAck.getServerKeepAlive()).hasValue(60);
            assertThat(connAck.getSessionExpiryInterval()).hasValue(0);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void keepAliveIsClampedTo30To1200() throws Exception {
        assertThat(serverKeepAlive(5)).isEqualTo(30);
        assertThat(serverKeepAlive(0)).isEqualTo(1200);
        assertThat(serverKeepAlive(1201)).isEqualTo(1200);
        assertThat(serverKeepAlive(1200)).isEqualTo(1200);
        assertThat(serverKeepAlive(30)).isEqualTo(30);
    }

    @Test
    void emptyClientIdGetsAnAssignedIdentifier() throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.connectV5("", 60);
            PacketView view = PacketView.of(client.read());
            assertThat(view.reasonCode).isZero();
            assertThat((String) view.properties.get(0x12)).isNotBlank();
        }
    }

    @Test
    void anyUserNameIsAcceptedOnMutualTls() throws Exception {
        // AWS SDKs send a metrics user name with certificate authentication.
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            byte[] connect = RawMqttClient.connect(5, "TestThing03", 60, 0x82, "");
            byte[] withUser = new byte[connect.length + 2 + 24];
            System.arraycopy(connect, 0, withUser, 0, connect.length);
            byte[] user = "?SDK=JavaV2&Version=1.30".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            withUser[connect.length] = 0;
            withUser[connect.length + 1] = (byte) user.length;
            System.arraycopy(user, 0, withUser, connect.length + 2, user.length);
            withUser[1] = (byte) (withUser[1] + 2 + user.length);
            client.send(withUser);
            assertThat(PacketView.of(client.read()).reasonCode).isZero();
        }
    }

    private int serverKeepAlive(int keepAlive) throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.connectV5("ka-" + keepAlive, keepAlive);
            return (Integer) PacketView.of(client.read()).properties.get(0x13);
        }
    }
}
