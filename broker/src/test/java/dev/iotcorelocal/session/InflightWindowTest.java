package dev.iotcorelocal.session;

import dev.iotcorelocal.message.Delivery;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.PublishProperties;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Packet ids of unacknowledged deliveries: never two alike, each found again by its PUBACK. */
class InflightWindowTest {
    private final InflightWindow window = new InflightWindow();

    @Test
    void theWholeIdSpaceCanBeInFlightAndEachIdFindsItsDelivery() {
        int inFlight = 65_534; // the most a client with Receive Maximum 65,535 can have before the last one
        Delivery[] byId = new Delivery[65_536];
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < inFlight; i++) {
            int id = window.nextPacketId();
            assertThat(id).isBetween(1, 65_535);
            byId[id] = delivery();
            window.put(id, byId[id]);
            ids.add(id);
        }
        assertThat(ids).as("all distinct").hasSize(inFlight);
        int last = window.nextPacketId();
        assertThat(ids).as("the one id left").doesNotContain(last);
        Delivery lastDelivery = delivery();
        window.put(last, lastDelivery);
        assertThatThrownBy(window::nextPacketId).as("no id left: refused, not searched for ever")
                .isInstanceOf(IllegalStateException.class);
        assertThat(window.remove(last)).isSameAs(lastDelivery);

        for (int id : ids) {
            assertThat(window.remove(id)).isSameAs(byId[id]);
        }
        assertThat(window.size()).isZero();
        assertThat(window.remove(last)).as("never put").isNull();

        int after = window.nextPacketId();
        window.put(after, byId[1]);
        assertThat(window.remove(after)).as("usable again once emptied").isSameAs(byId[1]);
    }

    @Test
    void aPubackForAnIdNotInFlightRemovesNothing() {
        int id = window.nextPacketId();
        Delivery delivery = delivery();
        window.put(id, delivery);

        assertThat(window.remove(id + 16)).as("another id sharing the slot").isNull();
        assertThat(window.remove(id)).isSameAs(delivery);
        assertThat(window.remove(id)).as("a duplicate PUBACK").isNull();
        assertThat(window.size()).isZero();
    }

    private static Delivery delivery() {
        return new Delivery(new Message("t", new byte[1], 1, false, PublishProperties.EMPTY, Message.NEVER, "pub"),
                1, false);
    }
}
