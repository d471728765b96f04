package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that resolves localhost to ::1 first reaches the broker: both listeners take
 * 127.0.0.1 and ::1, and the dev server certificate names ::1 among its addresses.
 */
@IotCoreLocal
class Ipv6LoopbackIT {
    private final IotCoreEndpoints broker;

    Ipv6LoopbackIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @Test
    void mutualTlsClientOnIpv6LoopbackDeliversToAnIpv4One() throws Exception {
        Mqtt5BlockingClient ipv6 = MqttClient.builder().useMqttVersion5().identifier("over-ipv6")
                .serverHost("::1").serverPort(broker.mqttsPort()).sslConfig(Clients.mutualTls(broker)).buildBlocking();
        Mqtt5BlockingClient ipv4 = MqttClient.builder().useMqttVersion5().identifier("over-ipv4")
                .serverHost("127.0.0.1").serverPort(broker.mqttsPort()).sslConfig(Clients.mutualTls(broker)).buildBlocking();
        assertThat(ipv6.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(ipv4.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = ipv4.publishes(MqttGlobalPublishFilter.ALL)) {
            ipv4.subscribeWith().topicFilter("dual/stack").qos(MqttQos.AT_LEAST_ONCE).send();
            ipv6.publishWith().topic("dual/stack").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("from ::1".getBytes(StandardCharsets.UTF_8)).send();
            Mqtt5Publish message = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("from ::1");
        }
        ipv6.disconnect();
        ipv4.disconnect();
    }

    @Test
    void plainClientOnIpv6LoopbackConnects() throws Exception {
        try (RawMqttClient client = RawMqttClient.plain(new IotCoreEndpoints("::1", broker.mqttsPort(),
                broker.mqttPort(), broker.certificatesDir()))) {
            client.connectV5("plain-ipv6", 60);
            PacketView connack = PacketView.of(client.read());
            assertThat(connack.type).isEqualTo(2);
            assertThat(connack.reasonCode).isZero();
        }
    }
}
