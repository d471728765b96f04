package dev.iotcorelocal.session;

import dev.iotcorelocal.message.Delivery;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.routing.Subscription;
import dev.iotcorelocal.routing.TopicFilter;
import dev.iotcorelocal.routing.TrieSubscriptionIndex;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Session lifecycle rules on a manual clock: resume, discard, expiry boundaries, Will timing. */
class SessionRegistryTest {
    private final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    private final TrieSubscriptionIndex index = new TrieSubscriptionIndex(false);
    private final SessionRegistry registry = new SessionRegistry(new InMemorySessionStore(), index, time, 100);

    @Test
    void sessionExpiresExactlyAtItsIntervalAndNotASecondBefore() {
        Owner owner = new Owner();
        Session session = registry.attach("car", MqttVersion.V5, false, 10, owner).session();
        subscribe(session, "vehicle/#");
        registry.detach(session, owner, null, 0);

        time.advance(Duration.ofMillis(9_999));
        assertThat(registry.get("car")).isSameAs(session);
        time.advance(Duration.ofMillis(1));
        assertThat(registry.get("car")).isNull();
        assertThat(index.size()).as("its subscriptions are gone too").isZero();
        assertThat(registry.attach("car", MqttVersion.V5, false, 10, new Owner()).sessionPresent()).isFalse();
    }

    @Test
    void resumeWithinTheIntervalKeepsSubscriptionsAndQueue() {
        Owner first = new Owner();
        Session session = registry.attach("car", MqttVersion.V5, false, 300, first).session();
        subscribe(session, "vehicle/#");
        registry.detach(session, first, null, 0);
        session.offer(delivery());
        time.advance(Duration.ofSeconds(299));

        SessionRegistry.Attachment resumed = registry.attach("car", MqttVersion.V5, false, 300, new Owner());
        assertThat(resumed.sessionPresent()).isTrue();
        assertThat(resumed.session()).isSameAs(session);
        assertThat(resumed.session().queuedCount()).isEqualTo(1);
        time.advance(Duration.ofSeconds(10));
        assertThat(registry.get("car")).as("an online session never expires").isSameAs(session);
    }

    @Test
    void onceATakeoverIsDecidedTheOldOwnersChangesAreRefusedWhetherTheSessionEndedOrWasResumed() {
        Owner old = new Owner();
        Session ended = registry.attach("car", MqttVersion.V5, true, 300, old).session();
        Owner cleanStart = new Owner();
        Session fresh = registry.attach("car", MqttVersion.V5, true, 300, cleanStart).session();
        AtomicInteger changes = new AtomicInteger();

        assertThat(registry.changeIfOwner(ended, old, changes::incrementAndGet)).isFalse();
        Owner resuming = new Owner();
        registry.attach("car", MqttVersion.V5, false, 300, resuming);
        assertThat(registry.changeIfOwner(fresh, cleanStart, changes::incrementAndGet)).isFalse();
        assertThat(changes).as("no change of a taken-over owner ran").hasValue(0);
        assertThat(registry.changeIfOwner(fresh, resuming, changes::incrementAndGet)).isTrue();
        assertThat(changes).hasValue(1);
    }

    @Test
    void cleanStartDiscardsTheStoredSession() {
        Owner owner = new Owner();
        Session old = registry.attach("car", MqttVersion.V5, false, 300, owner).session();
        subscribe(old, "vehicle/#");
        registry.detach(old, owner, null, 0);
        SessionRegistry.Attachment fresh = registry.attach("car", MqttVersion.V5, true, 300, new Owner());
        assertThat(fresh.sessionPresent()).isFalse();
        assertThat(fresh.session()).isNotSameAs(old);
        assertThat(index.size()).isZero();
    }

    @Test
    void aSessionIsNotResumedAcrossProtocolVersions() {
        Owner owner = new Owner();
        Session v3 = registry.attach("car", MqttVersion.V3_1_1, false, 3600, owner).session();
        registry.detach(v3, owner, null, 0);
        assertThat(registry.attach("car", MqttVersion.V5, false, 3600, new Owner()).sessionPresent()).isFalse();
    }

    @Test
    void takeoverKeepsTheSessionAndTellsTheOldOwner() {
        Owner first = new Owner();
        Session session = registry.attach("car", MqttVersion.V5, false, 300, first).session();
        Owner second = new Owner();
        SessionRegistry.Attachment attachment = registry.attach("car", MqttVersion.V5, false, 300, second);
        assertThat(attachment.sessionPresent()).isTrue();
        assertThat(first.takenOver).isEqualTo(1);
        registry.detach(session, first, null, 0); // the old connection closes afterwards
        assertThat(session.owner()).isSameAs(second);
        time.advance(Duration.ofSeconds(301));
        assertThat(registry.get("car")).isSameAs(session);
    }

    @Test
    void delayedWillIsPublishedAtTheEarlierOfDelayAndSessionEndAndCancelledByReconnect() {
        AtomicInteger wills = new AtomicInteger();
        Owner owner = new Owner();
        Session session = registry.attach("car", MqttVersion.V5, false, 5, owner).session();
        registry.detach(session, owner, wills::incrementAndGet, 60);
        time.advance(Duration.ofSeconds(4));
        assertThat(wills).hasValue(0);
        time.advance(Duration.ofSeconds(1));
        assertThat(wills).as("session ended at 5 s, before the 60 s delay").hasValue(1);

        Owner again = new Owner();
        Session next = registry.attach("car", MqttVersion.V5, false, 300, again).session();
        registry.detach(next, again, wills::incrementAndGet, 2);
        registry.attach("car", MqttVersion.V5, false, 300, new Owner());
        time.advance(Duration.ofSeconds(10));
        assertThat(wills).as("reconnected within the delay: no Will").hasValue(1);
    }

    @Test
    void hundredThousandIdleSessionsCostOneTimerEachAndNoSweep() {
        for (int i = 0; i < 100_000; i++) {
            Owner owner = new Owner();
            Session session = registry.attach("device-" + i, MqttVersion.V5, false, 60 + (i % 60), owner).session();
            registry.detach(session, owner, null, 0);
        }
        assertThat(time.pendingTasks()).isEqualTo(100_000);
        assertThat(registry.size()).isEqualTo(100_000);
        time.advance(Duration.ofSeconds(59));
        assertThat(registry.size()).isEqualTo(100_000);
        time.advance(Duration.ofSeconds(61));
        assertThat(registry.size()).isZero();
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void fullQueueDropsTheNewestMessageAndCountsIt() {
        Session session = registry.attach("slow", MqttVersion.V5, false, 300, new Owner()).session();
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            accepted.add(session.offer(delivery()));
        }
        assertThat(accepted.subList(0, 100)).containsOnly(true);
        assertThat(accepted.get(100)).isFalse();
        assertThat(session.droppedCount()).isEqualTo(1);
        assertThat(session.queuedCount()).isEqualTo(100);
    }

    private void subscribe(Session session, String filter) {
        Subscription s = new Subscription(session.clientId(), TopicFilter.parse(filter), 1, false, false, 0);
        session.addSubscription(s);
        index.add(s);
    }

    private static Delivery delivery() {
        return new Delivery(new Message("vehicle/x", new byte[1], 1, false, PublishProperties.EMPTY, Message.NEVER, "pub"),
                1, false);
    }

    private static final class Owner implements SessionOwner {
        int woken;
        int takenOver;

        @Override
        public void wake() {
            woken++;
        }

        @Override
        public void takeOver() {
            takenOver++;
        }
    }
}
