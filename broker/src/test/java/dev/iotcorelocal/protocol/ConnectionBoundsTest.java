package dev.iotcorelocal.protocol;

import dev.iotcorelocal.config.TransportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** What bounds a connection whose client trickles bytes, stops reading, or floods without reading. */
class ConnectionBoundsTest {
    private static final int OUTBOUND_LIMIT = 4096;
    private static final int CLOSE_TIMEOUT_MILLIS = 5000;

    private final EmbeddedBroker broker = new EmbeddedBroker(config -> {
                return config.withTransport(new TransportConfig(512, 256,
                OUTBOUND_LIMIT, CLOSE_TIMEOUT_MILLIS, 1));
    });

    @AfterEach
    void closeClients() {
        broker.close();
    }

    @Test
    void aClientTricklingOnePacketByteBySecondIsDisconnectedAtOneAndAHalfTimesItsKeepAlive() {
        EmbeddedBroker.Client slowloris = broker.connected(MqttBytes.connect("slow", true, 30, 0, 0));
        byte[] header = {0x30, (byte) 0x80, (byte) 0x80, 0x01, 0x00, 0x01, 't'}; // PUBLISH of 16 KB, declared
        int secondsUntilDisconnect = -1;
        for (int second = 1; second <= 120 && secondsUntilDisconnect < 0; second++) {
            slowloris.advance(1000);
            if (slowloris.packets().stream().anyMatch(p -> p.type() == SentPacket.DISCONNECT && p.reasonCode() == 0x8D)) {
                secondsUntilDisconnect = second;
            } else {
                slowloris.send(new byte[] {second <= header.length ? header[second - 1] : (byte) 'x'});
            }
        }
        assertThat(secondsUntilDisconnect).as("seconds until DISCONNECT 0x8D (keep alive 30 s)").isEqualTo(45);
        assertThat(slowloris.isOpen()).isFalse();
    }

    @Test
    void completePacketsWithinTheKeepAliveKeepTheConnection() {
        EmbeddedBroker.Client client = broker.connected(MqttBytes.connect("alive", true, 30, 0, 0));
        for (int i = 0; i < 10; i++) {
            client.advance(40_000);
            client.send(MqttBytes.PINGREQ);
        }
        assertThat(client.packets()).extracting(SentPacket::type).containsOnly(SentPacket.PINGRESP).hasSize(10);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aDisconnectTheClientNeverReadsStillClosesTheConnectionByTheDeadlineAndSendsTheWill() {
        EmbeddedBroker.Client watcher = broker.subscriber("watcher", "wills/#");
        EmbeddedBroker.Client client = broker.connected(MqttBytes.connect("deaf", true, 30, 0, 0, "wills/deaf", 0));
        client.stall();

        client.advance(45_000); // keep-alive timeout: DISCONNECT 0x8D is written but never taken
        assertThat(client.isOpen()).as("waiting for the client to take the DISCONNECT").isTrue();
        client.advance(CLOSE_TIMEOUT_MILLIS);

        assertThat(client.isOpen()).as("closed at the close deadline").isFalse();
        assertThat(watcher.publishes()).containsExactly("wills/deaf=will");
    }

    @Test
    void aRefusedConnectTheClientNeverReadsStillClosesByTheDeadline() {
        EmbeddedBroker.Client client = broker.client();
        client.stall();
        client.send(MqttBytes.connect("x".repeat(200), true, 30, 0, 0)); // client ID above AWS's 128 bytes

        client.advance(CLOSE_TIMEOUT_MILLIS - 1);
        assertThat(client.isOpen()).isTrue();
        client.advance(1);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void readsPauseWhileTheClientDoesNotReadAndResumeWhenItDoes() {
        EmbeddedBroker.Client client = broker.connected(MqttBytes.connect("paused", true, 30, 0, 0));
        client.stall();

        client.send(repeat(MqttBytes.PINGREQ, 20)); // 20 PINGRESPs of ~100 queued bytes each pass the high water mark, 512
        assertThat(client.channel.isWritable()).isFalse();
        assertThat(client.channel.config().isAutoRead()).as("reads paused").isFalse();

        client.resume();
        assertThat(client.channel.config().isAutoRead()).as("reads resumed").isTrue();
        assertThat(client.packets()).extracting(SentPacket::type).containsOnly(SentPacket.PINGRESP).hasSize(20);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aPingreqFloodFromAClientThatDoesNotReadIsClosedAtTheOutboundLimitAndItsWillSent() {
        EmbeddedBroker.Client watcher = broker.subscriber("watcher", "wills/#");
        EmbeddedBroker.Client flooder = broker.connected(MqttBytes.connect("flood", true, 30, 0, 0, "wills/flood", 0));
        flooder.stall();

        flooder.send(repeat(MqttBytes.PINGREQ, 20_000)); // one read batch: reads cannot pause inside it

        assertThat(flooder.isOpen()).isFalse();
        assertThat(flooder.maxQueuedBytes()).as("answers queued at most").isLessThanOrEqualTo(OUTBOUND_LIMIT + 200);
        assertThat(watcher.publishes()).containsExactly("wills/flood=will");
    }

    private static byte[] repeat(byte[] packet, int times) {
        byte[] out = new byte[packet.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(packet, 0, out, i * packet.length, packet.length);
        }
        return out;
    }

}
