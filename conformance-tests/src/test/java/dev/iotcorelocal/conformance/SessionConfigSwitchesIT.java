package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.config.MqttConfig;
import dev.iotcorelocal.config.SessionConfig;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocalExtension;
import dev.iotcorelocal.session.ManualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The documented session switches: spec-conformant CONNACK expiry, and AWS's 10 msg/s replay pacing. */
class SessionConfigSwitchesIT {
    @RegisterExtension
    static final IotCoreLocalExtension iotCore = IotCoreLocalExtension.perClass().withManualTime()
            .withConfig(SessionConfigSwitchesIT::switches);
    private final IotCoreEndpoints broker;
    private final Broker running;
    private final ManualTime time;

    SessionConfigSwitchesIT(IotCoreEndpoints broker, Broker running, ManualTime time) {
        this.broker = broker;
        this.running = running;
        this.time = time;
    }

    static BrokerConfig switches(BrokerConfig c) {
        MqttConfig m = c.mqtt();
        SessionConfig s = c.sessions();
        return c.withMqtt(new MqttConfig(m.maximumPacketSize(), m.receiveMaximum(), m.outboundInflightMaximum(),
                        m.topicAliasMaximum(), m.maximumQos(), m.keepAliveMin(), m.keepAliveMax(), m.hashMatchesParent(),
                        MqttConfig.ConnackSessionExpiry.SPEC, m.connectTimeoutSeconds()))
                .withSessions(new SessionConfig(s.maximumSessionExpiry(), s.mqtt311SessionExpiry(), s.queueCapacity(), 10));
    }

    @Test
    void specModeOmitsAnHonouredExpiryAndAnswersTheCapWhenItLowersTheRequest() throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.send(RawMqttClient.connect(5, "spec-300", 60, 0x02, "11 0000012c"));
            assertThat(PacketView.of(client.read()).properties).doesNotContainKey(0x11);
        }
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.send(RawMqttClient.connect(5, "spec-7200", 60, 0x02, "11 00001c20"));
            assertThat(PacketView.of(client.read()).properties).containsEntry(0x11, 3600L);
        }
    }

    @Test
    void hivemqClientResumesItsSessionInSpecMode() throws Exception {
        Mqtt5BlockingClient device = Clients.v5(broker, "hivemq-persistent");
        device.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
        device.subscribeWith().topicFilter("resume/#").qos(MqttQos.AT_LEAST_ONCE).send();
        device.disconnect();
        await().atMost(Duration.ofSeconds(5)).until(() -> !running.isOnline("hivemq-persistent"));

        Mqtt5BlockingClient publisher = Clients.v5(broker, "hivemq-publisher");
        publisher.connect();
        publisher.publishWith().topic("resume/a").qos(MqttQos.AT_LEAST_ONCE).payload("while away".getBytes(StandardCharsets.UTF_8)).send();
        publisher.disconnect();

        try (Mqtt5BlockingClient.Mqtt5Publishes in = device.publishes(MqttGlobalPublishFilter.ALL)) {
            Mqtt5ConnAck connAck = device.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
            assertThat(connAck.isSessionPresent()).isTrue();
            assertThat(new String(in.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("while away");
        } finally {
            device.disconnect();
        }
    }

    @Test
    void resumedBacklogIsReplayedAtTenMessagesPerSecond() throws Exception {
        try (RawMqttClient sub = RawMqttClient.tls(broker)) {
            sub.send(RawMqttClient.connect(5, "paced", 60, 0x00, "11 0000012c"));
            sub.read();
            sub.send(RawMqttClient.subscribe(false, 1, "paced/#", 0x01));
            sub.readUntil(9);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !running.isOnline("paced"));
        try (RawMqttClient pub = RawMqttClient.tls(broker)) {
            pub.connectV5("paced-publisher", 60);
            pub.read();
            for (int i = 1; i <= 15; i++) {
                pub.send(RawMqttClient.publish(1, "paced/m", i, "", "m" + i));
            }
            for (int i = 1; i <= 15; i++) {
                pub.readUntil(4);
            }
        }
        try (RawMqttClient sub = RawMqttClient.tls(broker)) {
            sub.send(RawMqttClient.connect(5, "paced", 60, 0x00, "11 0000012c"));
            assertThat(sub.read()[2]).as("session present").isEqualTo((byte) 1);
            for (int i = 0; i < 10; i++) {
                byte[] publish = sub.readUntil(3);
                sub.send(new byte[]{0x40, 2, publish[9], publish[10]}); // PUBACK: topic "paced/m" is 7 bytes
            }
            assertThat(sub.nothingArrivesWithin(300)).as("the 11th waits for the next second").isTrue();
            time.advance(Duration.ofSeconds(1));
            for (int i = 0; i < 5; i++) {
                sub.readUntil(3);
            }
        }
    }
}
