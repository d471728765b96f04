package dev.iotcorelocal.protocol;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A resumed session's unacknowledged messages go out within the new connection's Receive Maximum. */
class ResumeWindowTest {
    private final EmbeddedBroker broker = new EmbeddedBroker();

    @AfterEach
    void closeClients() {
        broker.close();
    }

    @Test
    void resumeResendsAtMostReceiveMaximumThenOneMorePerPubackInOrderWithDupAndTheirIds() {
        EmbeddedBroker.Client first = broker.connected(MqttBytes.connect("device", false, 60, 300, 0));
        first.send(MqttBytes.subscribe(1, "t", 1));
        first.packets();
        EmbeddedBroker.Client publisher = broker.connected(MqttBytes.connect("publisher", true, 60, 0, 0));
        for (int i = 0; i < 60; i++) {
            publisher.send(MqttBytes.publish(1, "t", i + 1, "m" + i));
        }
        List<SentPacket> unacknowledged = first.packets();
        assertThat(unacknowledged).hasSize(60);
        first.channel.close();

        EmbeddedBroker.Client resumed = broker.connected(MqttBytes.connect("device", false, 60, 300, 5));
        publisher.send(MqttBytes.publish(1, "t", 61, "after resume"));
        List<SentPacket> window = resumed.packets();
        assertThat(window).extracting(SentPacket::payload).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(window).allMatch(SentPacket::dup);
        assertThat(window).extracting(SentPacket::packetId)
                .isEqualTo(unacknowledged.subList(0, 5).stream().map(SentPacket::packetId).toList());

        resumed.send(MqttBytes.concat(MqttBytes.puback(window.get(0).packetId()), MqttBytes.puback(window.get(1).packetId())));
        assertThat(resumed.packets()).extracting(SentPacket::payload).containsExactly("m5", "m6");

        // From here the oldest unacknowledged one is acknowledged, one at a time.
        List<String> rest = new ArrayList<>();
        for (int round = 0; round < 100 && rest.size() < 54; round++) {
            SentPacket oldest = window.get(2 + round);
            resumed.send(MqttBytes.puback(oldest.packetId()));
            List<SentPacket> next = resumed.packets();
            assertThat(next).as("one in per one acknowledged").hasSize(1);
            window = concat(window, next);
            rest.add(next.get(0).payload());
        }
        List<String> expected = IntStream.range(7, 60).mapToObj(i -> "m" + i).collect(Collectors.toList());
        expected.add("after resume");
        assertThat(rest).as("the rest of the re-sends in order, then the message queued meanwhile").isEqualTo(expected);
    }

    private static List<SentPacket> concat(List<SentPacket> a, List<SentPacket> b) {
        List<SentPacket> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
