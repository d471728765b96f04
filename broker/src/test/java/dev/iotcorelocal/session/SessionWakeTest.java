package dev.iotcorelocal.session;

import dev.iotcorelocal.message.Delivery;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PublishProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An owner is woken once per drain it has to do: never again while a drain is already certain. */
class SessionWakeTest {
    private final Session session = new Session("sub", MqttVersion.V5, 0, 100);
    private final CountingOwner owner = new CountingOwner();

    @Test
    void offersWakeTheOwnerOnceUntilItFindsTheQueueEmpty() {
        session.bind(owner);
        session.offer(delivery());
        session.offer(delivery());
        session.offer(delivery());
        assertThat(owner.woken).isEqualTo(1);

        session.poll(); // a drain that stops early (socket unwritable) leaves the wake-up standing
        session.offer(delivery());
        assertThat(owner.woken).as("no wake-up while a drain is certain").isEqualTo(1);

        while (session.poll() != null) {
            // drain everything
        }
        assertThat(session.drainedEmpty()).isFalse();
        session.offer(delivery());
        assertThat(owner.woken).as("found empty: the next offer wakes again").isEqualTo(2);
    }

    @Test
    void aDeliveryArrivingAsTheDrainEndsIsDrainedByThatDrain() {
        session.bind(owner);
        session.offer(delivery());
        session.poll();
        session.offer(delivery()); // arrives after the drain's last peek, before it clears the flag

        assertThat(session.drainedEmpty()).as("the drain must go on: nobody else will").isTrue();
        session.offer(delivery());
        assertThat(owner.woken).as("the drain going on counts as the wake-up").isEqualTo(1);
    }

    private static Delivery delivery() {
        return new Delivery(new Message("t", new byte[1], 0, false, PublishProperties.EMPTY, Message.NEVER, "pub"),
                0, false);
    }

    private static final class CountingOwner implements SessionOwner {
        int woken;

        @Override
        public void wake() {
            woken++;
        }

        @Override
        public void takeOver() {
        }
    }
}
