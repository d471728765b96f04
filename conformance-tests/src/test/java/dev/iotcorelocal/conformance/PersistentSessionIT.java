package dev.iotcorelocal.conformance;

import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import dev.iotcorelocal.session.ManualTime;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 4 and the session rules of profile section 5, over mutual TLS, on a manual clock:
 * "15 seconds later" is a call, so the assertions are exact and the tests do not wait.
 */
@IotCoreLocal(manualTime = true)
class PersistentSessionIT {
    private final IotCoreEndpoints broker;
    private final Broker running;
    private final ManualTime time;

    PersistentSessionIT(IotCoreEndpoints broker, Broker running, ManualTime time) {
        this.broker = broker;
        this.running = running;
        this.time = time;
    }

    @Test
    void scenario4ResumeWithinTheExpiryGetsBothMessagesWithRemainingExpiry() throws Exception {
        subscribeAndVanish("car-1", 300);
        publish("vehicle/driver_door/lock", "UNLOCK", 10);
        advance(1);
        publish("vehicle/air_conditioner/set", "PRE_HEAT", 120);
        advance(3);
        try (RawMqttClient sub = reconnect("car-1", 300, true)) {
            Received first = Received.of(sub.readUntil(3));
            Received second = Received.of(sub.readUntil(3));
            assertThat(first.qos).isEqualTo(1);
            assertThat(first.payload).isEqualTo("UNLOCK");
            assertThat(first.expiry).isEqualTo(6L);
            assertThat(second.payload).isEqualTo("PRE_HEAT");
            assertThat(second.expiry).isEqualTo(117L);
            ack(sub, first, second);
        }
    }

    @Test
    void scenario4ResumeAfter15SecondsGetsOnlyTheUnexpiredMessage() throws Exception {
        subscribeAndVanish("car-2", 300);
        publish("vehicle/driver_door/lock", "UNLOCK", 10);
        advance(1);
        publish("vehicle/air_conditioner/set", "PRE_HEAT", 120);
        advance(14);
        try (RawMqttClient sub = reconnect("car-2", 300, true)) {
            Received only = Received.of(sub.readUntil(3));
            assertThat(only.payload).isEqualTo("PRE_HEAT");
            assertThat(only.expiry).isEqualTo(106L);
            ack(sub, only);
            assertThat(sub.nothingArrivesWithin(500)).as("nothing else arrives").isTrue();
        }
    }

    @Test
    void scenario4SessionExpiry10ResumedAfter15SecondsIsGone() throws Exception {
        subscribeAndVanish("car-3", 10);
        publish("vehicle/driver_door/lock", "UNLOCK", 10);
        publish("vehicle/air_conditioner/set", "PRE_HEAT", 120);
        advance(15);
        try (RawMqttClient sub = reconnect("car-3", 10, false)) {
            assertThat(sub.nothingArrivesWithin(500)).as("no message, no subscription").isTrue();
        }
    }

    @Test
    void messageExpiringExactlyAtResumeIsNotSentButOneSecondEarlierIsSentWithZero() throws Exception {
        subscribeAndVanish("car-4", 300);
        publish("vehicle/a", "lives", 11);
        publish("vehicle/b", "dies", 10);
        advance(10);
        try (RawMqttClient sub = reconnect("car-4", 300, true)) {
            Received only = Received.of(sub.readUntil(3));
            assertThat(only.payload).isEqualTo("lives");
            assertThat(only.expiry).isEqualTo(1L);
            ack(sub, only);
            assertThat(sub.nothingArrivesWithin(500)).isTrue();
        }
    }

    @Test
    void sessionExpiresExactlyAtItsIntervalAndIsCappedAtTheMaximum() throws Exception {
        subscribeAndVanish("car-5", 7200); // capped at 3600
        advance(3599);
        reconnect("car-5", 7200, true).close(); // still there: resuming restarts the clock at the next loss
        awaitOffline("car-5");
        advance(3599);
        assertThat(running.hasSession("car-5")).isTrue();
        advance(1);
        assertThat(running.hasSession("car-5")).isFalse();
        reconnect("car-5", 7200, false).close();
    }

    @Test
    void cleanStartDiscardsTheSessionAndItsQueue() throws Exception {
        subscribeAndVanish("car-6", 300);
        publish("vehicle/x", "queued", 100);
        try (RawMqttClient sub = RawMqttClient.tls(broker)) {
            sub.send(RawMqttClient.connect(5, "car-6", 60, 0x02, "11 0000012c"));
            assertThat(sub.read()[2]).as("session present").isZero();
            assertThat(sub.nothingArrivesWithin(500)).isTrue();
        }
    }

    @Test
    void takeoverKeepsTheSession() throws Exception {
        try (RawMqttClient first = persistentSubscriber("car-7", 300);
             RawMqttClient second = reconnect("car-7", 300, true)) {
            assertThat(PacketView.of(first.readUntil(14)).reasonCode).isEqualTo(0x8E);
            publish("vehicle/taken", "over", 100);
            Received received = Received.of(second.readUntil(3));
            assertThat(received.payload).isEqualTo("over");
        }
    }

    @Test
    void unacknowledgedMessageIsResentWithDupOnResumeAndQos0IsNotQueuedOffline() throws Exception {
        try (RawMqttClient sub = persistentSubscriber("car-8", 300)) {
            publish("vehicle/inflight", "unacked", 100);
            byte[] first = sub.readUntil(3);
            assertThat(first[0] & 0x08).as("first delivery: DUP 0").isZero();
        } // vanishes without PUBACK
        awaitOffline("car-8");
        publishQos0("vehicle/qos0", "lost while offline");
        try (RawMqttClient sub = reconnect("car-8", 300, true)) {
            byte[] again = sub.readUntil(3);
            assertThat(again[0] & 0x08).as("re-sent: DUP 1").isEqualTo(0x08);
            assertThat(Received.of(again).payload).isEqualTo("unacked");
            ack(sub, Received.of(again));
            assertThat(sub.nothingArrivesWithin(500)).as("the QoS 0 message was not kept").isTrue();
        }
    }

    @Test
    void disconnectWithSessionExpiryZeroEndsTheSessionAndRaisingItFromZeroIsAProtocolError() throws Exception {
        try (RawMqttClient sub = persistentSubscriber("car-9", 300)) {
            sub.send("e0 07 00 05 11 00000000"); // DISCONNECT, Session Expiry Interval 0
        }
        awaitOffline("car-9");
        assertThat(running.hasSession("car-9")).isFalse();
        reconnect("car-9", 300, false).close();

        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.connectV5("car-10", 60); // session expiry 0
            client.read();
            client.send("e0 07 00 05 11 0000003c"); // tries to raise it to 60
            assertThat(PacketView.of(client.readUntil(14)).reasonCode).isEqualTo(0x82);
        }
    }

    @Test
    void mqtt311PersistentSessionResumesButNotAsMqtt5() throws Exception {
        try (RawMqttClient v3 = RawMqttClient.tls(broker)) {
            v3.send(RawMqttClient.connect(4, "legacy-car", 60, 0x00, ""));
            assertThat(v3.read()).containsExactly(0x20, 0x02, 0x00, 0x00);
            v3.send(RawMqttClient.subscribe(true, 1, "vehicle", 1));
            v3.readUntil(9);
        }
        awaitOffline("legacy-car");
        publish("vehicle", "for v3", 60);
        try (RawMqttClient v3 = RawMqttClient.tls(broker)) {
            v3.send(RawMqttClient.connect(4, "legacy-car", 60, 0x00, ""));
            assertThat(v3.read()).containsExactly(0x20, 0x02, 0x01, 0x00); // session present
            byte[] message = v3.readUntil(3);
            assertThat(new String(message, message.length - 6, 6, StandardCharsets.UTF_8)).isEqualTo("for v3");
        }
        try (RawMqttClient v5 = RawMqttClient.tls(broker)) {
            v5.send(RawMqttClient.connect(5, "legacy-car", 60, 0x00, "11 0000012c"));
            assertThat(v5.read()[2]).as("no cross-version resume").isZero();
        }
    }

    @Test
    void retainedMessageExpiresToo() throws Exception {
        try (RawMqttClient publisher = connected("retainer")) {
            byte[] retained = RawMqttClient.publish(1, "vehicle/state", 2, "02 0000000a", "parked");
            retained[0] |= 0x01;
            publisher.send(retained);
            publisher.readUntil(4);
        }
        try (RawMqttClient early = connected("early-reader")) {
            early.send(RawMqttClient.subscribe(false, 1, "vehicle/state", 1));
            early.readUntil(9);
            assertThat(Received.of(early.readUntil(3)).payload).isEqualTo("parked");
        }
        advance(10);
        try (RawMqttClient late = connected("late-reader")) {
            late.send(RawMqttClient.subscribe(false, 1, "vehicle/state", 1));
            late.readUntil(9);
            assertThat(late.nothingArrivesWithin(500)).as("expired retained message not delivered").isTrue();
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private void advance(int seconds) {
        time.advance(Duration.ofSeconds(seconds));
    }

    private RawMqttClient persistentSubscriber(String clientId, int sessionExpiry) throws Exception {
        RawMqttClient sub = RawMqttClient.tls(broker);
        sub.send(RawMqttClient.connect(5, clientId, 60, 0x00, String.format("11 %08x", sessionExpiry)));
        assertThat(PacketView.of(sub.read()).reasonCode).isZero();
        sub.send(RawMqttClient.subscribe(false, 1, "vehicle/#", 1));
        assertThat(sub.readUntil(9)).endsWith(0x01);
        return sub;
    }

    /** Connects persistently, subscribes vehicle/# at QoS 1, then the process "dies": no DISCONNECT. */
    private void subscribeAndVanish(String clientId, int sessionExpiry) throws Exception {
        persistentSubscriber(clientId, sessionExpiry).close();
        awaitOffline(clientId);
    }

    /** The broker notices a lost connection asynchronously; session expiry starts only then. */
    private void awaitOffline(String clientId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !running.isOnline(clientId));
    }

    private RawMqttClient reconnect(String clientId, int sessionExpiry, boolean expectPresent) throws Exception {
        RawMqttClient sub = RawMqttClient.tls(broker);
        sub.send(RawMqttClient.connect(5, clientId, 60, 0x00, String.format("11 %08x", sessionExpiry)));
        byte[] connack = sub.read();
        assertThat(connack[2]).as("session present").isEqualTo((byte) (expectPresent ? 1 : 0));
        PacketView view = PacketView.of(connack);
        assertThat(view.properties.get(0x11)).as("AWS answers Session Expiry Interval 0").isEqualTo(0L);
        return sub;
    }

    private static int publishers;

    /** Each publish uses a fresh client ID: AWS's connect-rate limit is per client ID. */
    private void publish(String topic, String payload, int expiry) throws Exception {
        try (RawMqttClient pub = connected("TestThing04-Pub-" + ++publishers)) {
            pub.send(RawMqttClient.publish(1, topic, 1, String.format("02 %08x", expiry), payload));
            assertThat(PacketView.of(pub.readUntil(4)).reasonCode).isZero();
        }
    }

    private void publishQos0(String topic, String payload) throws Exception {
        try (RawMqttClient pub = connected("TestThing04-Pub-" + ++publishers)) {
            pub.send(RawMqttClient.publish(0, topic, 0, "", payload));
            pub.send("c0 00");
            pub.readUntil(13);
        }
    }

    private RawMqttClient connected(String clientId) throws Exception {
        RawMqttClient client = RawMqttClient.tls(broker);
        client.connectV5(clientId, 60);
        client.read();
        return client;
    }

    private static void ack(RawMqttClient client, Received... messages) throws IOException {
        for (Received m : messages) {
            client.send(new byte[]{0x40, 2, (byte) (m.packetId >> 8), (byte) m.packetId});
        }
    }

    /** A PUBLISH read back from raw bytes. */
    private record Received(int qos, int packetId, String payload, Long expiry) {
        static Received of(byte[] p) {
            int i = 1;
            while ((p[i] & 0x80) != 0) {
                i++;
            }
            i++;
            int topicLength = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
            i += 2 + topicLength;
            int qos = (p[0] >> 1) & 0x03;
            int packetId = 0;
            if (qos > 0) {
                packetId = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
                i += 2;
            }
            int propertiesLength = p[i++] & 0xFF; // test messages keep properties under 128 bytes
            Long expiry = null;
            for (int j = i; j < i + propertiesLength; ) {
                int id = p[j++] & 0xFF;
                if (id == 0x02) {
                    expiry = ((long) (p[j] & 0xFF) << 24) | ((p[j + 1] & 0xFF) << 16) | ((p[j + 2] & 0xFF) << 8) | (p[j + 3] & 0xFF);
                    j += 4;
                } else {
                    throw new IllegalStateException("unexpected property " + id);
                }
            }
            i += propertiesLength;
            return new Received(qos, packetId, new String(p, i, p.length - i, StandardCharsets.UTF_8), expiry);
        }
    }
}
