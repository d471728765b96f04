package dev.iotcorelocal.conformance;

import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every server-side refusal with its AWS reason code, asserted on the bytes: DISCONNECT reason,
 * the {@code DISCONNECT:<text>:<uuid>} Reason String, and the closed socket after it.
 */
@IotCoreLocal
class ReasonCodesIT {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private final IotCoreEndpoints broker;

    ReasonCodesIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @Test
    void scenario5TopicAliasAboveMaximumGetsDisconnect0x94WithAwsReasonString() throws Exception {
        try (RawMqttClient client = connected("TestThing05")) {
            client.send(RawMqttClient.publish(1, "gateway/" + "x".repeat(74), 1, "", "on"));
            assertThat(PacketView.of(client.readUntil(4)).reasonCode).isZero();
            client.send(RawMqttClient.publish(1, "gateway/alias", 2, "23 000e", "on"));
            PacketView disconnect = PacketView.of(client.readUntil(14));
            assertThat(disconnect.reasonCode).isEqualTo(0x94);
            assertThat(disconnect.reasonString()).matches("DISCONNECT:Topic alias is out of range\\.:" + UUID);
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    void topicAliasZeroIsInvalid() throws Exception {
        assertDisconnect(RawMqttClient.publish(0, "t", 0, "23 0000", "x"), 0x94);
    }

    @Test
    void unknownTopicAliasIsAProtocolError() throws Exception {
        assertDisconnect(RawMqttClient.publish(0, "", 0, "23 0003", "x"), 0x82);
    }

    @Test
    void qos2PublishGetsDisconnect0x9B() throws Exception {
        assertDisconnect(RawMqttClient.publish(2, "t", 1, "", "x"), 0x9B);
    }

    @Test
    void subscriptionIdentifierGetsDisconnect0xA1() throws Exception {
        assertDisconnect(RawMqttClient.hex("82 09 0001 02 0b01 0001 74 00"), 0xA1);
    }

    @Test
    void malformedPacketGetsDisconnect0x81() throws Exception {
        assertDisconnect(RawMqttClient.hex("36 05 0001 74 00 00"), 0x81); // QoS 3
    }

    @Test
    void packetOverMaximumSizeGetsDisconnect0x95FromItsHeaderAlone() throws Exception {
        // Remaining length 149,501 announces a 149,505-byte packet: refused before any body byte is sent.
        assertDisconnect(RawMqttClient.hex("30 fd 8f 09"), 0x95);
    }

    @Test
    void moreThanReceiveMaximumUnacknowledgedQos1PublishesGetDisconnect0x93() throws Exception {
        java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
        for (int id = 1; id <= 101; id++) {
            burst.writeBytes(RawMqttClient.publish(1, "burst", id, "", "x"));
        }
        try (RawMqttClient client = connected("burst-client")) {
            client.send(burst.toByteArray()); // one write: the client does not wait for PUBACKs
            PacketView disconnect = PacketView.of(client.readUntil(14));
            assertThat(disconnect.reasonCode).isEqualTo(0x93);
            assertThat(disconnect.reasonString()).startsWith("DISCONNECT:");
        }
    }

    @Test
    void exactlyReceiveMaximumUnacknowledgedPublishesAreAccepted() throws Exception {
        java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
        for (int id = 1; id <= 100; id++) {
            burst.writeBytes(RawMqttClient.publish(1, "burst", id, "", "x"));
        }
        try (RawMqttClient client = connected("burst-ok")) {
            client.send(burst.toByteArray());
            for (int i = 0; i < 100; i++) {
                assertThat(client.read()[0]).isEqualTo((byte) 0x40);
            }
        }
    }

    @Test
    void willQos2IsRefusedWithConnack0x9B() throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            // flags: will flag + will QoS 2 + clean start; then will properties (none), will topic, payload
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            RawMqttClient.writeString(body, "MQTT");
            body.writeBytes(new byte[]{5, 0x16, 0, 60, 0});
            RawMqttClient.writeString(body, "will-qos2");
            body.write(0);
            RawMqttClient.writeString(body, "will/topic");
            RawMqttClient.writeString(body, "bye");
            client.send(RawMqttClient.packet(0x10, body.toByteArray()));
            PacketView connack = PacketView.of(client.read());
            assertThat(connack.type).isEqualTo(2);
            assertThat(connack.reasonCode).isEqualTo(0x9B);
            assertThat(connack.reasonString()).startsWith("CONNACK:");
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    void subscribeAskingQos2IsGrantedQos1() throws Exception {
        try (RawMqttClient client = connected("qos2-sub")) {
            client.send("82 09 0001 00 0003 612f62 02");
            byte[] suback = client.readUntil(9);
            assertThat(suback).endsWith(0x01);
        }
    }

    @Test
    void invalidFilterGetsSuback0x8FPerFilterAndTheValidOneIsGranted() throws Exception {
        try (RawMqttClient client = connected("bad-filter")) {
            client.send("82 0f 0001 00 0003 612f23 01 0003 232f61 01"); // "a/#" valid, "#/a" invalid
            byte[] suback = client.readUntil(9);
            assertThat(suback).endsWith(0x01, 0x8F);
        }
    }

    @Test
    void pubackIsSuccessEvenWithoutSubscribers() throws Exception {
        try (RawMqttClient client = connected("lonely")) {
            client.send(RawMqttClient.publish(1, "nobody/listens", 7, "", "x"));
            assertThat(client.readUntil(4)).containsExactly(0x40, 0x02, 0x00, 0x07);
        }
    }

    @Test
    void mqtt311ClientIsDisconnectedWithoutAReasonCodeForQos2() throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.send(RawMqttClient.connect(4, "v3-client", 60, 0x02, ""));
            assertThat(client.read()).containsExactly(0x20, 0x02, 0x00, 0x00);
            client.send(RawMqttClient.publish(2, "t", 1, null, "x"));
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    void mqtt311EmptyClientIdWithPersistentSessionGetsReturnCode2() throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.send(RawMqttClient.connect(4, "", 60, 0x00, ""));
            assertThat(client.read()).containsExactly(0x20, 0x02, 0x00, 0x02);
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    void mqtt311EmptyClientIdWithCleanSessionIsAccepted() throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.send(RawMqttClient.connect(4, "", 60, 0x02, ""));
            assertThat(client.read()).containsExactly(0x20, 0x02, 0x00, 0x00);
        }
    }

    @Test
    void mqtt31IsRefusedAsUnsupportedProtocolVersion() throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(broker)) {
            client.send("10 11 0006 4d5149736470 03 02 003c 0003 616263");
            assertThat(client.read()).containsExactly(0x20, 0x02, 0x00, 0x01);
        }
    }

    private void assertDisconnect(byte[] packet, int reasonCode) throws Exception {
        try (RawMqttClient client = connected("rc-" + reasonCode)) {
            client.send(packet);
            PacketView disconnect = PacketView.of(client.readUntil(14));
            assertThat(disconnect.reasonCode).isEqualTo(reasonCode);
            assertThat(disconnect.reasonString()).matches("DISCONNECT:.+:" + UUID);
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    private RawMqttClient connected(String clientId) throws Exception {
        RawMqttClient client = RawMqttClient.tls(broker);
        client.connectV5(clientId, 60);
        byte[] connack = client.read();
        if (PacketView.of(connack).reasonCode != 0) {
            throw new IOException("CONNECT refused: " + PacketView.of(connack).reasonCode);
        }
        return client;
    }
}
