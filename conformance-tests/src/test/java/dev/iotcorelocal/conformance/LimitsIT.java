package dev.iotcorelocal.conformance;

import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import dev.iotcorelocal.session.ManualTime;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS IoT Core's limits (profile section 2) with its reason codes (section 4), each at the
 * boundary: exactly at the limit passes, one over fails. MQTT 3.1.1 clients are disconnected
 * wherever an MQTT 5 client gets a reason code. The broker runs on a manual clock, so the rate
 * limits are deterministic.
 */
@IotCoreLocal(manualTime = true)
class LimitsIT {
    private final IotCoreEndpoints broker;
    private final Broker running;
    private final ManualTime time;

    LimitsIT(IotCoreEndpoints broker, Broker running, ManualTime time) {
        this.broker = broker;
        this.running = running;
        this.time = time;
    }
    private static int ids;

    // --- CONNECT ---------------------------------------------------------------------------------

    @Test
    void clientIdOf128BytesConnectsAnd129GetsConnack0x85() throws Exception {
        assertThat(connackReason(5, "c".repeat(128))).isZero();
        assertThat(connackReason(5, "c".repeat(129))).isEqualTo(0x85);
        assertThat(connackReason(5, "$reserved")).isEqualTo(0x85);
    }

    @Test
    void mqtt311ClientIdOver128BytesIsRejected() throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.send(RawMqttClient.connect(4, "d".repeat(129), 60, 0x02, ""));
            assertThat(client.read()).containsExactly(0x20, 0x02, 0x00, 0x02);
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    void sixthConnectInOneSecondForAClientIdGetsConnack0x97AndAFreshSecondAllowsOneMore() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(connackReason(5, "reconnector")).isZero();
        }
        assertThat(connackReason(5, "reconnector")).isEqualTo(0x97);
        assertThat(connackReason(5, "someone-else")).isZero();
        time.advance(Duration.ofSeconds(1));
        assertThat(connackReason(5, "reconnector")).isZero();
        assertThat(connackReason(5, "reconnector")).isEqualTo(0x97);
    }

    @Test
    void mqtt311ThrottledConnectIsClosedWithoutConnack() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (RawMqttClient client = RawMqttClient.tls(broker)) {
                client.send(RawMqttClient.connect(4, "legacy-reconnector", 60, 0x02, ""));
                assertThat(client.read()).containsExactly(0x20, 0x02, 0x00, 0x00);
            }
        }
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.send(RawMqttClient.connect(4, "legacy-reconnector", 60, 0x02, ""));
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    // --- PUBLISH ---------------------------------------------------------------------------------

    @Test
    void topicOf256BytesAnd7SlashesIsAcceptedOneMoreGetsPuback0x90() throws Exception {
        try (RawMqttClient client = connected(5)) {
            assertThat(pubackReason(client, "t".repeat(256), "x")).isZero();
            assertThat(pubackReason(client, "t".repeat(257), "x")).isEqualTo(0x90);
            assertThat(pubackReason(client, "a/b/c/d/e/f/g/h", "x")).isZero();
            assertThat(pubackReason(client, "a/b/c/d/e/f/g/h/i", "x")).isEqualTo(0x90);
            assertThat(pubackReason(client, "$aws/rules/myRule/a/b/c/d/e/f/g/h", "x")).as("Basic Ingest prefix").isZero();
            assertStillConnected(client);
        }
    }

    @Test
    void qos0PublishToAnOverlongTopicGetsDisconnect0x90() throws Exception {
        try (RawMqttClient client = connected(5)) {
            client.send(RawMqttClient.publish(0, "t".repeat(257), 0, "", "x"));
            PacketView disconnect = PacketView.of(client.readUntil(14));
            assertThat(disconnect.reasonCode).isEqualTo(0x90);
            assertThat(disconnect.reasonString()).startsWith("DISCONNECT:Topic too long (257 > 256 bytes).:");
        }
    }

    @Test
    void payloadUserPropertiesAndContentTypeQuotasGetPuback0x97AndTheConnectionStaysOpen() throws Exception {
        try (RawMqttClient client = connected(5)) {
            assertThat(pubackReason(client, "big", "p".repeat(131_072))).isZero();
            assertThat(pubackReason(client, "big", "p".repeat(131_073))).isEqualTo(0x97);
            assertThat(pubackReason(client, "props", userProperty(8_192), "x")).isZero();
            assertThat(pubackReason(client, "props", userProperty(8_193), "x")).isEqualTo(0x97);
            assertThat(pubackReason(client, "ct", contentType(256), "x")).isZero();
            assertThat(pubackReason(client, "ct", contentType(257), "x")).isEqualTo(0x97);
            assertStillConnected(client);
        }
    }

    @Test
    void qos0PublishOverAQuotaIsDroppedSilently() throws Exception {
        try (RawMqttClient subscriber = connected(5); RawMqttClient publisher = connected(5)) {
            subscriber.send(RawMqttClient.subscribe(false, 1, "dropped/#", 0));
            subscriber.readUntil(9);
            publisher.send(RawMqttClient.publish(0, "dropped/big", 0, "", "p".repeat(131_073)));
            publisher.send(RawMqttClient.publish(0, "dropped/ok", 0, "", "small"));
            assertStillConnected(publisher);
            byte[] delivered = subscriber.readUntil(3);
            assertThat(new String(delivered, StandardCharsets.UTF_8)).endsWith("small");
        }
    }

    @Test
    void hundredPublishesPerSecondAreAcceptedTheHundredAndFirstGetsPuback0x97() throws Exception {
        try (RawMqttClient client = connected(5)) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int id = 1; id <= 100; id++) {
                burst.writeBytes(RawMqttClient.publish(1, "rate", id, "", "x"));
            }
            client.send(burst.toByteArray());
            for (int i = 0; i < 100; i++) {
                assertThat(PacketView.of(client.readUntil(4)).reasonCode).isZero();
            }
            assertThat(pubackReason(client, "rate", "x")).isEqualTo(0x97);
            time.advance(Duration.ofMillis(999));
            assertThat(pubackReason(client, "rate", "x")).isEqualTo(0x97);
            time.advance(Duration.ofMillis(1));
            assertThat(pubackReason(client, "rate", "x")).isZero();
            assertStillConnected(client);
        }
    }

    @Test
    void reservedTopicsFollowAwsOperations() throws Exception {
        try (RawMqttClient client = connected(5)) {
            assertThat(pubackReason(client, "$SYS/broker", "x")).isEqualTo(0x90);
            assertThat(pubackReason(client, "$aws/things/car1/shadow/update", "{}")).isZero();
            assertThat(pubackReason(client, "$aws/things/car1/shadow/update/accepted", "{}")).isEqualTo(0x90);
            assertThat(pubackReason(client, "$aws/rules/myRule/telemetry", "x")).isZero();
            byte[] retained = RawMqttClient.publish(1, "$aws/things/car1/shadow/update", 9, "", "{}");
            retained[0] |= 0x01;
            client.send(retained);
            assertThat(PacketView.of(client.readUntil(4)).reasonCode).as("no RETAIN on reserved topics").isEqualTo(0x90);

            client.send(subscribeMany(2, "$SYS/#", "$aws/things/car1/shadow/update/accepted", "$share/g/plain/#",
                    "$aws/rules/myRule/#", "$aws/events/presence/connected/+"));
            assertThat(client.readUntil(9)).endsWith(0x8F, 0x00, 0x00, 0x8F, 0x00);
            client.send(RawMqttClient.publish(0, "$SYS/quiet", 0, "", "x"));
            assertStillConnected(client);
        }
    }

    // --- SUBSCRIBE -------------------------------------------------------------------------------

    @Test
    void eightFiltersPerSubscribeAreGrantedTheNinthGets0x97() throws Exception {
        try (RawMqttClient client = connected(5)) {
            String[] filters = new String[9];
            for (int i = 0; i < 9; i++) {
                filters[i] = "f/" + i;
            }
            client.send(subscribeMany(1, filters));
            byte[] suback = client.readUntil(9);
            assertThat(suback).endsWith(0, 0, 0, 0, 0, 0, 0, 0, 0x97);
        }
    }

    @Test
    void fiftySubscriptionsPerConnectionTheFiftyFirstGets0x97() throws Exception {
        try (RawMqttClient client = connected(5)) {
            for (int i = 0; i < 50; i++) {
                client.send(RawMqttClient.subscribe(false, i + 1, "s/" + i, 0));
                assertThat(client.readUntil(9)).endsWith(0x00);
            }
            client.send(RawMqttClient.subscribe(false, 51, "s/50", 0));
            assertThat(client.readUntil(9)).endsWith(0x97);
            client.send(RawMqttClient.subscribe(false, 52, "s/0", 1));
            assertThat(client.readUntil(9)).as("re-subscribing an existing filter is not a new one").endsWith(0x01);
        }
    }

    @Test
    void filterOver256BytesOrDeeperThan7SlashesGetsSuback0x8F() throws Exception {
        try (RawMqttClient client = connected(5)) {
            client.send(subscribeMany(1, "f".repeat(256), "f".repeat(257), "a/b/c/d/e/f/g/#", "a/b/c/d/e/f/g/h/#",
                    "$share/group/a/b/c/d/e/f/g/#"));
            assertThat(client.readUntil(9)).endsWith(0x00, 0x8F, 0x00, 0x8F, 0x00);
        }
    }

    @Test
    void shareNameOver128CharactersGetsSuback0x8F() throws Exception {
        try (RawMqttClient client = connected(5)) {
            client.send(subscribeMany(1, "$share/" + "g".repeat(128) + "/jobs", "$share/" + "g".repeat(129) + "/jobs",
                    "$share/" + "\u00e9".repeat(128) + "/jobs")); // 128 characters, 256 UTF-8 bytes
            assertThat(client.readUntil(9)).endsWith(0x00, 0x8F, 0x00);
        }
    }

    // --- MQTT 3.1.1 ------------------------------------------------------------------------------

    @Test
    void mqtt311ClientsAreDisconnectedWhereMqtt5ClientsGetAReasonCode() throws Exception {
        try (RawMqttClient client = connected(4)) {
            client.send(RawMqttClient.publish(1, "t".repeat(257), 1, null, "x"));
            assertThat(client.closedByBroker()).as("topic too long").isTrue();
        }
        try (RawMqttClient client = connected(4)) {
            client.send(RawMqttClient.publish(1, "big", 1, null, "p".repeat(131_073)));
            assertThat(client.closedByBroker()).as("payload too large").isTrue();
        }
        try (RawMqttClient client = connected(4)) {
            client.send(RawMqttClient.publish(1, "$SYS/x", 1, null, "x"));
            assertThat(client.closedByBroker()).as("reserved topic").isTrue();
        }
        try (RawMqttClient client = connected(4)) {
            String[] filters = new String[9];
            for (int i = 0; i < 9; i++) {
                filters[i] = "f/" + i;
            }
            client.send(subscribeMany311(filters));
            assertThat(client.closedByBroker()).as("ninth filter").isTrue();
        }
    }

    @Test
    void mqtt311QoS0OverAQuotaIsDroppedAndTheConnectionStays() throws Exception {
        try (RawMqttClient client = connected(4)) {
            client.send(RawMqttClient.publish(0, "big", 0, null, "p".repeat(131_073)));
            assertStillConnected(client);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private int connackReason(int version, String clientId) throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.send(RawMqttClient.connect(version, clientId, 60, 0x02, ""));
            return PacketView.of(client.read()).reasonCode;
        }
    }

    private RawMqttClient connected(int version) throws Exception {
        RawMqttClient client = RawMqttClient.tls(broker);
        client.send(RawMqttClient.connect(version, "limits-" + ++ids, 60, 0x02, ""));
        byte[] connack = client.read();
        assertThat(connack[3]).as("CONNACK reason").isZero();
        return client;
    }

    private static int pubackReason(RawMqttClient client, String topic, String payload) throws IOException {
        return pubackReason(client, topic, "", payload);
    }

    private static int pubackReason(RawMqttClient client, String topic, String propertiesHex, String payload)
            throws IOException {
        client.send(RawMqttClient.publish(1, topic, 7, propertiesHex, payload));
        return PacketView.of(client.readUntil(4)).reasonCode;
    }

    private static void assertStillConnected(RawMqttClient client) throws IOException {
        client.send("c0 00");
        assertThat(client.readUntil(13)).containsExactly(0xD0, 0x00);
    }

    /** A user property whose name and value total {@code bytes} bytes, as properties hex. */
    private static String userProperty(int bytes) {
        String value = "v".repeat(bytes - 1);
        return String.format("26 0001 6b %04x %s", value.length(), hex(value));
    }

    private static String contentType(int bytes) {
        String value = "c".repeat(bytes);
        return String.format("03 %04x %s", value.length(), hex(value));
    }

    private static String hex(String s) {
        return java.util.HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] subscribeMany(int packetId, String... filters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId);
        body.write(0);
        for (String f : filters) {
            RawMqttClient.writeString(body, f);
            body.write(0);
        }
        return RawMqttClient.packet(0x82, body.toByteArray());
    }

    private static byte[] subscribeMany311(String... filters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        body.write(1);
        for (String f : filters) {
            RawMqttClient.writeString(body, f);
            body.write(0);
        }
        return RawMqttClient.packet(0x82, body.toByteArray());
    }
}
