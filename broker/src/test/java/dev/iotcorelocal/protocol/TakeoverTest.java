package dev.iotcorelocal.protocol;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second connection with the same client ID takes the session over while the first one, on
 * another event loop, still has packets in its input. Each client has its own loop whose tasks
 * run only when the test says: the new connection's CONNECT posts the takeover to the old
 * connection's loop, and the old connection reads its pending packets before that task runs,
 * which is the race two real event loops lose now and then.
 */
class TakeoverTest {
    private final EmbeddedBroker broker = new EmbeddedBroker();

    @AfterEach
    void closeClients() {
        broker.close();
    }

    @Test
    void aSubscribeTheOldConnectionReadsAfterACleanStartTakeoverLeavesNoSubscription() {
        EmbeddedBroker.Client old = broker.connected(MqttBytes.connect("device", true, 60, 0, 0));
        EmbeddedBroker.Client fresh = broker.connected(MqttBytes.connect("device", true, 60, 0, 0));
        fresh.send(MqttBytes.subscribe(1, "marker", 0));

        old.send(MqttBytes.subscribe(7, "ghost", 0)); // read before the takeover task runs on its loop

        EmbeddedBroker.Client publisher = broker.connected(MqttBytes.connect("publisher", true, 60, 0, 0));
        publisher.send(MqttBytes.publish(0, "ghost", 0, "never subscribed"));
        publisher.send(MqttBytes.publish(0, "marker", 0, "after"));
        assertThat(fresh.publishes()).containsExactly("marker=after");
        assertThat(old.packets()).extracting(SentPacket::type).containsExactly(SentPacket.DISCONNECT);
    }

    @Test
    void anUnsubscribeTheOldConnectionReadsAfterAResumingTakeoverLeavesTheResumedSubscription() {
        EmbeddedBroker.Client old = broker.connected(MqttBytes.connect("device", false, 60, 300, 0));
        old.send(MqttBytes.subscribe(1, "kept", 0));
        old.packets();
        EmbeddedBroker.Client resumed = broker.connected(MqttBytes.connect("device", false, 60, 300, 0));

        old.send(MqttBytes.packet(0xA2, new byte[] {0, 2, 0, 0, 4, 'k', 'e', 'p', 't'})); // UNSUBSCRIBE "kept"

        EmbeddedBroker.Client publisher = broker.connected(MqttBytes.connect("publisher", true, 60, 0, 0));
        publisher.send(MqttBytes.publish(0, "kept", 0, "still subscribed"));
        assertThat(resumed.publishes()).containsExactly("kept=still subscribed");
    }

    @Test
    void aDisconnectTheOldConnectionReadsAfterATakeoverDoesNotChangeTheNewOwnersSessionExpiry() {
        EmbeddedBroker.Client old = broker.connected(MqttBytes.connect("device", false, 60, 300, 0));
        EmbeddedBroker.Client resumed = broker.connected(MqttBytes.connect("device", false, 60, 300, 0));

        old.send(MqttBytes.disconnect(0)); // "end my session when I go": no longer its session
        resumed.channel.close();

        EmbeddedBroker.Client again = broker.client();
        again.send(MqttBytes.connect("device", false, 60, 300, 0));
        SentPacket connack = again.next();
        assertThat(connack.reasonCode()).isZero();
        assertThat(connack.sessionPresent()).as("the session kept for its 300 s").isTrue();
    }

    @Test
    void aWillWithADelayIsNotSentWhenTheTakeoverResumesTheSession() {
        EmbeddedBroker.Client watcher = broker.subscriber("watcher", "wills/#");
        EmbeddedBroker.Client old = broker.connected(MqttBytes.connect("device", false, 60, 300, 0, "wills/device", 30));
        EmbeddedBroker.Client resumed = broker.connected(MqttBytes.connect("device", false, 60, 300, 0));
        old.runTasks();
        assertThat(old.isOpen()).as("taken over").isFalse();
        broker.time.advance(Duration.ofSeconds(60)); // past the Will Delay, the new connection still on

        EmbeddedBroker.Client publisher = broker.connected(MqttBytes.connect("publisher", true, 60, 0, 0));
        publisher.send(MqttBytes.publish(0, "wills/marker", 0, "after"));
        assertThat(watcher.publishes()).containsExactly("wills/marker=after");
        assertThat(resumed.isOpen()).isTrue();
    }

    @Test
    void aWillIsSentWhenACleanStartTakeoverEndsTheSession() {
        EmbeddedBroker.Client watcher = broker.subscriber("watcher", "wills/#");
        EmbeddedBroker.Client old = broker.connected(MqttBytes.connect("device", false, 60, 300, 0, "wills/device", 30));
        broker.connected(MqttBytes.connect("device", true, 60, 300, 0));
        old.runTasks();

        assertThat(watcher.publishes()).containsExactly("wills/device=will");
    }
}
