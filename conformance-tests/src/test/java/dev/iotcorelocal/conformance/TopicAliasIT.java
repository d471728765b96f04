package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenario 3: a publisher sets topic alias 1 once, then publishes with an empty topic. */
@IotCoreLocal
class TopicAliasIT {
    private static final String TOPIC = "sensors/field/field001/equipments/a804e598-ee90-4f89-9cde-458f8fe9b980/temperature";
    private final IotCoreEndpoints broker;

    TopicAliasIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @Test
    void scenario3AliasedPublishesArriveUnderTheFullTopic() throws Exception {
        Mqtt5BlockingClient subscriber = Clients.v5(broker, "alias-subscriber");
        subscriber.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL);
             RawMqttClient publisher = RawMqttClient.tls(broker)) {
            subscriber.subscribeWith().topicFilter(TOPIC).qos(MqttQos.AT_MOST_ONCE).send();
            publisher.connectV5("TestThing03", 60);
            assertThat(PacketView.of(publisher.read()).reasonCode).isZero();
            publisher.send(RawMqttClient.publish(0, TOPIC, 0, "23 0001", "23.4"));
            publisher.send(RawMqttClient.publish(0, "", 0, "23 0001", "25.5"));
            publisher.send(RawMqttClient.publish(0, "", 0, "23 0001", "22.2"));
            for (String expected : new String[]{"23.4", "25.5", "22.2"}) {
                Mqtt5Publish received = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
                assertThat(received.getTopic().toString()).isEqualTo(TOPIC);
                assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
            }
            publisher.send("c0 00");
            assertThat(publisher.readUntil(13)).containsExactly(0xD0, 0x00); // still connected
        } finally {
            subscriber.disconnect();
        }
    }

    @Test
    void aliasesLiveForOneConnectionOnly() throws Exception {
        try (RawMqttClient first = RawMqttClient.tls(broker)) {
            first.connectV5("alias-owner", 60);
            first.read();
            first.send(RawMqttClient.publish(0, "a/b", 0, "23 0002", "x"));
        }
        try (RawMqttClient second = RawMqttClient.tls(broker)) {
            second.connectV5("alias-owner", 60);
            second.read();
            second.send(RawMqttClient.publish(0, "", 0, "23 0002", "x"));
            assertThat(PacketView.of(second.readUntil(14)).reasonCode).isEqualTo(0x82);
        }
    }
}
