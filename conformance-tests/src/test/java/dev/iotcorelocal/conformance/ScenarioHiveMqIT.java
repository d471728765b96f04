package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenarios 1, 2 and 5 of shared/spec/scenarios.md with the HiveMQ MQTT client over mutual TLS. */
@IotCoreLocal
class ScenarioHiveMqIT {
    private static final byte[] CORRELATION = "{\"user_profile_id\": 4, \"request_id\": \"eb1bd30a-c7e6-42a4-9e00-d5baee89f65c\"}"
            .getBytes(StandardCharsets.UTF_8);
    private final IotCoreEndpoints broker;

    ScenarioHiveMqIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @Test
    void scenario1RequestResponseKeepsResponseTopicAndCorrelationData() throws Exception {
        Mqtt5BlockingClient client = Clients.v5(broker, "TestThing01");
        client.connectWith().keepAlive(60).send();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("home07/main_door/#").qos(MqttQos.AT_MOST_ONCE).send();
            client.publishWith().topic("home07/main_door/lock").payload("LOCK".getBytes(StandardCharsets.UTF_8))
                    .responseTopic("home07/main_door/status").correlationData(CORRELATION).send();

            Mqtt5Publish request = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(request.getTopic().toString()).isEqualTo("home07/main_door/lock");
            assertThat(request.getResponseTopic()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("home07/main_door/status"));
            assertThat(bytes(request.getCorrelationData().orElseThrow())).isEqualTo(CORRELATION);

            client.publishWith().topic(request.getResponseTopic().get()).payload("USER_IS_NOT_AUTHENTICATED".getBytes(StandardCharsets.UTF_8))
                    .correlationData(request.getCorrelationData().get()).send();
            Mqtt5Publish response = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(response.getTopic().toString()).isEqualTo("home07/main_door/status");
            assertThat(new String(response.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("USER_IS_NOT_AUTHENTICATED");
            assertThat(bytes(response.getCorrelationData().orElseThrow())).isEqualTo(CORRELATION);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void scenario2UserPropertiesArriveCompleteInOrderWithDuplicates() throws Exception {
        Mqtt5BlockingClient client = Clients.v5(broker, "TestThing02");
        client.connectWith().keepAlive(60).send();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("sensors/gateway01/#").qos(MqttQos.AT_MOST_ONCE).send();
            client.publishWith().topic("sensors/gateway01/sensor01").payload("23.4".getBytes(StandardCharsets.UTF_8))
                    .userProperties().add("Content-Type", "text/plain").add("Hardware-Revision", "brandX-rev1.17c")
                    .add("Content-Type", "again").applyUserProperties().send();
            client.publishWith().topic("sensors/gateway01/sensor02").payload("MjMuNw==".getBytes(StandardCharsets.UTF_8))
                    .userProperties().add("Content-Type", "base64").add("Hardware-Manufacturer", "brandX-rev8.2")
                    .applyUserProperties().send();
            client.publishWith().topic("sensors/gateway01/sensor03").payload("24.4".getBytes(StandardCharsets.UTF_8)).send();

            assertThat(userProperties(publishes.receive(5, TimeUnit.SECONDS).orElseThrow()))
                    .containsExactly("Content-Type=text/plain", "Hardware-Revision=brandX-rev1.17c", "Content-Type=again");
            assertThat(userProperties(publishes.receive(5, TimeUnit.SECONDS).orElseThrow()))
                    .containsExactly("Content-Type=base64", "Hardware-Manufacturer=brandX-rev8.2");
            Mqtt5Publish third = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(third.getTopic().toString()).isEqualTo("sensors/gateway01/sensor03");
            assertThat(third.getUserProperties().asList()).isEmpty();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void scenario5QoS1PublishToAn82ByteTopicIsAcknowledgedWithSuccess() {
        Mqtt5BlockingClient client = Clients.v5(broker, "TestThing05");
        client.connectWith().keepAlive(60).send();
        try {
            String topic = "gateway/" + "x".repeat(74);
            assertThat(topic).hasSize(82);
            Mqtt5PublishResult result = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload("on".getBytes(StandardCharsets.UTF_8)).send();
            assertThat(result.getError()).isEmpty();
            assertThat(((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode().getCode()).isZero();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void messageExpiryIsForwardedAsRemainingSecondsAndOtherPropertiesPassThrough() throws Exception {
        Mqtt5BlockingClient client = Clients.v5(broker, "expiry-check");
        client.connectWith().keepAlive(60).send();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("vehicle/#").qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic("vehicle/air_conditioner/set").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("PRE_HEAT".getBytes(StandardCharsets.UTF_8)).messageExpiryInterval(120)
                    .contentType("text/plain").payloadFormatIndicator(com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator.UTF_8)
                    .send();
            Mqtt5Publish received = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(received.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            assertThat(received.getMessageExpiryInterval().orElseThrow()).isBetween(118L, 120L);
            assertThat(received.getContentType()).hasValueSatisfying(c -> assertThat(c.toString()).isEqualTo("text/plain"));
            assertThat(received.getPayloadFormatIndicator()).isPresent();
        } finally {
            client.disconnect();
        }
    }

    private static List<String> userProperties(Mqtt5Publish publish) {
        return publish.getUserProperties().asList().stream()
                .map((Mqtt5UserProperty p) -> p.getName() + "=" + p.getValue()).collect(Collectors.toList());
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
