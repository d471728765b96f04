package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.config.MqttConfig;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Takeover, keep-alive timeout and shutdown: the server-initiated DISCONNECTs. */
class ConnectionLifecycleIT {
    // A broker per test: each test ends its clients' connections, or the broker itself. The minimum keep
    // alive is 1 s (AWS: 30 s) and the CONNECT timeout 1 s, so the timeout tests wait seconds, not minutes.
    @RegisterExtension
    final IotCoreLocalExtension iotCore = IotCoreLocalExtension.perTest()
            .withConfig(c -> c.withMqtt(connectTimeout(keepAliveMin(c.mqtt(), 1), 1)));

    @Test
    void secondConnectionWithTheSameClientIdTakesOverAndTheFirstGets0x8E(IotCoreEndpoints broker) {
        AtomicReference<Throwable> firstCause = new AtomicReference<>();
        Mqtt5BlockingClient first = Clients.v5Builder(broker, "TestThing01")
                .addDisconnectedListener(ctx -> firstCause.set(ctx.getCause())).buildBlocking();
        first.connect();
        Mqtt5BlockingClient second = Clients.v5(broker, "TestThing01");
        second.connect();
        await().atMost(Duration.ofSeconds(5)).until(() -> firstCause.get() != null);
        assertThat(firstCause.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e -> {
            assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER);
            assertThat(e.getMqttMessage().getReasonString()).hasValueSatisfying(
                    s -> assertThat(s.toString()).startsWith("DISCONNECT:"));
        });
        assertThat(second.getState()).isEqualTo(MqttClientState.CONNECTED);
        second.disconnect();
    }

    @Test
    void silentClientIsDisconnectedWith0x8DAfterOneAndAHalfKeepAlives(IotCoreEndpoints broker) throws Exception {
        // keep-alive-min lowered so the test waits 1.5 s instead of AWS's minimum 45 s.
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.connectV5("sleepy", 1);
            PacketView connack = PacketView.of(client.read());
            assertThat(connack.properties.get(0x13)).isEqualTo(1);
            long start = System.nanoTime();
            PacketView disconnect = PacketView.of(client.readUntil(14));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(disconnect.reasonCode).isEqualTo(0x8D);
            assertThat(elapsedMillis).isBetween(1_000L, 4_000L);
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    void pingsKeepAClientAlive(IotCoreEndpoints broker) throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.connectV5("pinger", 1);
            client.read();
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                client.send("c0 00");
                assertThat(client.read()).containsExactly(0xD0, 0x00);
                // pacing the client (a ping every 0.5 s), not waiting for the broker
                await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            }
        }
    }

    @Test
    void stoppingTheBrokerSendsServerShuttingDownToEveryClient(IotCoreEndpoints broker, Broker running) {
        AtomicReference<Throwable> cause = new AtomicReference<>();
        Mqtt5BlockingClient client = Clients.v5Builder(broker, "shutdown-watcher")
                .addDisconnectedListener(ctx -> cause.set(ctx.getCause())).buildBlocking();
        client.connect();
        running.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> cause.get() != null);
        assertThat(cause.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e ->
                assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.SERVER_SHUTTING_DOWN));
    }

    @Test
    void connectionThatNeverSendsConnectIsClosed(IotCoreEndpoints broker) throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    static MqttConfig keepAliveMin(MqttConfig m, int min) {
        return new MqttConfig(m.maximumPacketSize(), m.receiveMaximum(), m.outboundInflightMaximum(),
                m.topicAliasMaximum(), m.maximumQos(), min, m.keepAliveMax(), m.hashMatchesParent(), m.connackSessionExpiry(),
                m.connectTimeoutSeconds());
    }

    static MqttConfig connectTimeout(MqttConfig m, int seconds) {
        return new MqttConfig(m.maximumPacketSize(), m.receiveMaximum(), m.outboundInflightMaximum(),
                m.topicAliasMaximum(), m.maximumQos(), m.keepAliveMin(), m.keepAliveMax(), m.hashMatchesParent(), m.connackSessionExpiry(),
                seconds);
    }
}
