package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Will messages: published on abnormal disconnect, not on a normal DISCONNECT, honouring Will Delay. */
@IotCoreLocal
class WillIT {
    private final IotCoreEndpoints broker;

    WillIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }
    private static Mqtt5BlockingClient watcher;

    @BeforeAll
    static void start(IotCoreEndpoints broker) {
        watcher = Clients.v5(broker, "will-watcher");
        watcher.connect();
        watcher.subscribeWith().topicFilter("wills/#").qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterAll
    static void stop() {
        watcher.disconnect();
    }

    @Test
    void willIsPublishedWhenTheConnectionDropsWithoutDisconnect() throws Exception {
        try (Mqtt5BlockingClient.Mqtt5Publishes in = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            RawMqttClient device = connectWithWill("dropper", "wills/dropper", 0, 0);
            device.close(); // socket lost, no DISCONNECT
            Mqtt5Publish will = in.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(will.getTopic().toString()).isEqualTo("wills/dropper");
            assertThat(new String(will.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("offline");
            assertThat(will.getUserProperties().asList()).singleElement()
                    .satisfies(p -> assertThat(p.getName().toString()).isEqualTo("reason"));
        }
    }

    @Test
    void normalDisconnectDiscardsTheWillButDisconnectWithWillSendsIt() throws Exception {
        try (Mqtt5BlockingClient.Mqtt5Publishes in = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            try (RawMqttClient polite = connectWithWill("polite", "wills/polite", 0, 0)) {
                polite.send("e0 00");
                assertThat(polite.closedByBroker()).isTrue();
            }
            try (RawMqttClient explicit = connectWithWill("explicit", "wills/explicit", 0, 0)) {
                explicit.send("e0 01 04"); // DISCONNECT 0x04 Disconnect with Will Message
            }
            Mqtt5Publish will = in.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(will.getTopic().toString()).isEqualTo("wills/explicit");
            assertThat(in.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
        }
    }

    @Test
    void delayedWillWaitsAndIsCancelledByAReconnect() throws Exception {
        try (Mqtt5BlockingClient.Mqtt5Publishes in = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            connectWithWill("returner", "wills/returner", 2, 60).close();
            try (RawMqttClient back = RawMqttClient.tls(broker)) {
                back.send(RawMqttClient.connect(5, "returner", 60, 0x00, "11 0000003c"));
                assertThat(back.read()[3]).isZero();
                assertThat(in.receive(3, TimeUnit.SECONDS)).as("reconnected within the delay").isEmpty();
                back.send("e0 00");
            }

            long start = System.nanoTime();
            connectWithWill("leaver", "wills/leaver", 1, 60).close();
            Mqtt5Publish will = in.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(will.getTopic().toString()).isEqualTo("wills/leaver");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(900);
        }
    }

    /** A v5 CONNECT with a QoS 1 Will ("offline", one user property), optional will delay and session expiry. */
    private RawMqttClient connectWithWill(String clientId, String willTopic, int willDelay, int sessionExpiry)
            throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        RawMqttClient.writeString(body, "MQTT");
        body.write(5);
        body.write(sessionExpiry > 0 ? 0x0C : 0x0E); // will QoS 1 + will flag (+ clean start when not persistent)
        body.write(0);
        body.write(60);
        byte[] props = sessionExpiry > 0 ? RawMqttClient.hex(String.format("11 %08x", sessionExpiry)) : new byte[0];
        body.write(props.length);
        body.writeBytes(props);
        RawMqttClient.writeString(body, clientId);
        ByteArrayOutputStream willProps = new ByteArrayOutputStream();
        if (willDelay > 0) {
            willProps.writeBytes(RawMqttClient.hex(String.format("18 %08x", willDelay)));
        }
        willProps.write(0x26);
        RawMqttClient.writeString(willProps, "reason");
        RawMqttClient.writeString(willProps, "lost");
        body.write(willProps.size());
        body.writeBytes(willProps.toByteArray());
        RawMqttClient.writeString(body, willTopic);
        RawMqttClient.writeString(body, "offline");
        RawMqttClient client = RawMqttClient.tls(broker);
        client.send(RawMqttClient.packet(0x10, body.toByteArray()));
        assertThat(PacketView.of(client.read()).reasonCode).isZero();
        return client;
    }
}
