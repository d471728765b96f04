package dev.iotcorelocal.conformance;

import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5WillPublish;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A Will is held to every limit the same PUBLISH is: the CONNECT carrying an over-limit Will is
 * refused with the reason code that PUBLISH would get (MQTT 5 CONNACK) or closed (MQTT 3.1.1),
 * and no such Will is ever published.
 */
@IotCoreLocal
class WillLimitsIT {
    private final IotCoreEndpoints broker;

    WillLimitsIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @Test
    void willsOverTheTopicPayloadAndPropertyLimitsGetTheirPublishReasonCodes() {
        assertThat(connack("ok-256", will("w/" + "x".repeat(254), false, 1, 0))).isZero(); // at the limit
        assertThat(connack("long-topic", will("w/" + "x".repeat(255), false, 1, 0))).isEqualTo(0x90);
        assertThat(connack("deep-topic", will("w/1/2/3/4/5/6/7/8", false, 1, 0))).isEqualTo(0x90);
        assertThat(connack("reserved", will("$aws/things/t/shadow/update/accepted", true, 1, 0))).isEqualTo(0x90);
        assertThat(connack("not-aws", will("$sys/broker", false, 1, 0))).isEqualTo(0x90);
        // A Will payload is binary data (at most 65,535 bytes), below AWS's 128 KiB: LimitChecksTest covers it.
        assertThat(connack("big-properties", will("w/u", false, 1, 8_193))).isEqualTo(0x97);
    }

    @Test
    void noRefusedWillIsEverPublished() throws Exception {
        Mqtt5BlockingClient watcher = Clients.v5(broker, "will-limits-watcher");
        watcher.connect();
        watcher.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send();
        try (Mqtt5BlockingClient.Mqtt5Publishes in = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            String deep = "w/1/2/3/4/5/6/7/8";
            try (RawMqttClient legacy = RawMqttClient.tls(broker)) {
                legacy.send(v311ConnectWithWill("legacy-deep", deep));
                assertThat(legacy.closedByBroker()).as("MQTT 3.1.1: closed without CONNACK").isTrue();
            }
            assertThat(connack("v5-deep", will(deep, false, 1, 0))).isEqualTo(0x90);

            watcher.publishWith().topic("w/marker").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5Publish first = in.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(first.getTopic().toString()).as("nothing before the marker").isEqualTo("w/marker");
        } finally {
            watcher.disconnect();
        }
        Mqtt5BlockingClient reader = Clients.v5(broker, "reserved-reader");
        reader.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes in = reader.publishes(MqttGlobalPublishFilter.ALL)) {
            reader.subscribeWith().topicFilter("$aws/things/t/shadow/update/accepted").qos(MqttQos.AT_LEAST_ONCE).send();
            reader.subscribeWith().topicFilter("w/marker2").qos(MqttQos.AT_LEAST_ONCE).send();
            reader.publishWith().topic("w/marker2").qos(MqttQos.AT_LEAST_ONCE).send();
            assertThat(in.receive(5, TimeUnit.SECONDS).orElseThrow().getTopic().toString())
                    .as("no retained Will on the reserved topic").isEqualTo("w/marker2");
        } finally {
            reader.disconnect();
        }
    }

    private static Mqtt5WillPublish will(String topic, boolean retain, int payloadBytes, int userPropertyBytes) {
        var builder = Mqtt5WillPublish.builder().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(retain)
                .payload(new byte[payloadBytes]);
        if (userPropertyBytes > 0) {
            builder.userProperties(Mqtt5UserProperties.of(
                    com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty.of("k", "v".repeat(userPropertyBytes - 1))));
        }
        return builder.build().asWill();
    }

    /** The CONNACK reason code; an accepted client disconnects normally, so its Will is discarded. */
    private int connack(String clientId, Mqtt5WillPublish will) {
        Mqtt5BlockingClient client = Clients.v5(broker, clientId);
        Mqtt5ConnAckException refused = catchThrowableOfType(
                () -> client.connect(Mqtt5Connect.builder().willPublish(will).build()), Mqtt5ConnAckException.class);
        if (refused != null) {
            return refused.getMqttMessage().getReasonCode().getCode();
        }
        client.disconnect();
        return 0;
    }

    /** MQTT 3.1.1 CONNECT, clean session, QoS 0 Will "offline" on the topic. */
    private static byte[] v311ConnectWithWill(String clientId, String willTopic) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        RawMqttClient.writeString(body, "MQTT");
        body.write(4);
        body.write(0x06); // will flag + clean session
        body.write(0);
        body.write(60);
        RawMqttClient.writeString(body, clientId);
        RawMqttClient.writeString(body, willTopic);
        RawMqttClient.writeString(body, "offline");
        return RawMqttClient.packet(0x10, body.toByteArray());
    }
}
