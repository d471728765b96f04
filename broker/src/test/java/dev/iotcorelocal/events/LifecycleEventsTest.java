package dev.iotcorelocal.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.session.ManualTime;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is published, in which order, whichever thread reports a connection's end: exactly one
 * connected and one disconnected per connection, connected first, and a taken-over connection's
 * disconnected before its successor's connected.
 */
class LifecycleEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Message> routed = Collections.synchronizedList(new ArrayList<>());
    private final LifecycleEvents events = new LifecycleEvents(routed::add, time.clock());

    private static ConnectionFacts facts(String clientId) {
        return new ConnectionFacts(clientId, null, "anonymous", UUID.randomUUID());
    }

    @Test
    void aConnectionPublishesConnectedThenOneDisconnectedWithTheFirstReason() {
        ConnectionLifecycle device = events.accepted(facts("device"));
        device.connected(null, "127.0.0.1");
        device.subscribed(List.of("a/b", "c/#"));
        device.unsubscribed(List.of("a/b"));
        device.ended(DisconnectReason.MQTT_KEEP_ALIVE_TIMEOUT, 0);
        device.ended(DisconnectReason.CONNECTION_LOST, 0); // the socket closing afterwards
        device.subscribed(List.of("late")); // nothing after the end

        assertThat(routed).extracting(Message::topic).containsExactly(
                "$aws/events/presence/connected/device",
                "$aws/events/subscriptions/subscribed/device",
                "$aws/events/subscriptions/unsubscribed/device",
                "$aws/events/presence/disconnected/device");
        assertThat(routed).allSatisfy(m -> {
            assertThat(m.qos()).isZero();
            assertThat(m.retain()).isFalse();
            assertThat(m.expiresAt()).isEqualTo(Message.NEVER);
        });
        JsonNode connected = json(0);
        JsonNode disconnected = json(3);
        assertThat(connected.get("timestamp").asLong()).isEqualTo(time.now().toEpochMilli());
        assertThat(disconnected.get("disconnectReason").asText()).isEqualTo("MQTT_KEEP_ALIVE_TIMEOUT");
        assertThat(disconnected.get("clientInitiatedDisconnect").asBoolean()).isFalse();
        assertThat(disconnected.get("sessionIdentifier")).isEqualTo(connected.get("sessionIdentifier"));
        assertThat(disconnected.get("versionNumber")).isEqualTo(connected.get("versionNumber"));
        assertThat(json(1).get("topics").toString()).isEqualTo("[\"a/b\",\"c/#\"]");
        assertThat(json(2).get("topics").toString()).isEqualTo("[\"a/b\"]");
    }

    @Test
    void versionNumbersCountOnAcrossConnectionsAndThroughATakeover() {
        ConnectionLifecycle first = events.accepted(facts("device"));
        first.connected(null, "::1");
        first.ended(DisconnectReason.CLIENT_INITIATED_DISCONNECT, 0);
        ConnectionLifecycle second = events.accepted(facts("device"));
        second.connected(null, "::1");
        ConnectionLifecycle third = events.accepted(facts("device"));
        second.ended(DisconnectReason.DUPLICATE_CLIENTID, 0);
        third.connected(second, "::1");
        assertThat(routed).extracting(m -> m.topic().split("/")[3] + " " + versionOf(m)).containsExactly(
                "connected 0", "disconnected 0", "connected 1", "disconnected 1", "connected 2");
        assertThat(json(0).get("ipAddress").asText()).isEqualTo("::1");
    }

    @Test
    void anEndReportedBeforeConnectedWasPublishedFollowsIt() {
        ConnectionLifecycle device = events.accepted(facts("device"));
        device.ended(DisconnectReason.DUPLICATE_CLIENTID, 0); // a takeover right after the session was attached
        assertThat(routed).isEmpty();

        device.connected(null, "127.0.0.1");
        assertThat(routed).extracting(Message::topic).containsExactly(
                "$aws/events/presence/connected/device", "$aws/events/presence/disconnected/device");
        assertThat(json(1).get("disconnectReason").asText()).isEqualTo("DUPLICATE_CLIENTID");
    }

    @Test
    void theConnectedOfATakeoverWaitsForTheDisconnectedOfTheConnectionItTookOver() {
        ConnectionLifecycle old = events.accepted(facts("device"));
        ConnectionLifecycle fresh = events.accepted(facts("device"));
        old.ended(DisconnectReason.DUPLICATE_CLIENTID, 0); // the old one's connected is not out yet
        fresh.connected(old, "127.0.0.1");
        assertThat(routed).as("nothing may overtake the old connection's events").isEmpty();

        old.connected(null, "127.0.0.1");
        assertThat(routed).extracting(m -> m.topic() + " " + versionOf(m)).containsExactly(
                "$aws/events/presence/connected/device 0",
                "$aws/events/presence/disconnected/device 0",
                "$aws/events/presence/connected/device 1");
    }

    @Test
    void concurrentEndsOfOneConnectionPublishExactlyOnePairInOrder() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 300; round++) {
                routed.clear();
                ConnectionLifecycle device = events.accepted(facts("device"));
                CyclicBarrier start = new CyclicBarrier(3);
                List<Future<?>> done = List.of(
                        threads.submit(() -> awaitThen(start, () -> device.connected(null, "127.0.0.1"))),
                        threads.submit(() -> awaitThen(start, () -> device.ended(DisconnectReason.DUPLICATE_CLIENTID, 0))),
                        threads.submit(() -> awaitThen(start, () -> device.ended(DisconnectReason.CONNECTION_LOST, 0))));
                for (Future<?> f : done) {
                    f.get(10, TimeUnit.SECONDS);
                }
                assertThat(routed).extracting(Message::topic).containsExactly(
                        "$aws/events/presence/connected/device", "$aws/events/presence/disconnected/device");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void clientIdsWithWildcardCharactersGetNoEvents() {
        ConnectionLifecycle plus = events.accepted(facts("a+b"));
        plus.connected(null, "127.0.0.1");
        plus.subscribed(List.of("x"));
        plus.ended(DisconnectReason.CLIENT_INITIATED_DISCONNECT, 0);
        events.connectFailed(facts("a#b"), "127.0.0.1");
        events.connectFailed(facts("marker"), "127.0.0.1");
        assertThat(routed).extracting(Message::topic).containsExactly("$aws/events/presence/connect_failed/marker");
    }

    @Test
    void aSubscribeWithNoGrantedFilterHasNoEvent() {
        ConnectionLifecycle device = events.accepted(facts("device"));
        device.connected(null, "127.0.0.1");
        device.subscribed(List.of());
        device.unsubscribed(List.of());
        device.ended(DisconnectReason.CLIENT_INITIATED_DISCONNECT, 0);
        assertThat(routed).extracting(Message::topic).containsExactly(
                "$aws/events/presence/connected/device", "$aws/events/presence/disconnected/device");
        assertThat(json(1).get("clientInitiatedDisconnect").asBoolean()).isTrue();
    }

    private static void awaitThen(CyclicBarrier barrier, Runnable action) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        action.run();
    }

    private JsonNode json(int index) {
        return parse(routed.get(index));
    }

    private static long versionOf(Message message) {
        return parse(message).get("versionNumber").asLong();
    }

    private static JsonNode parse(Message message) {
        try {
            return JSON.readTree(message.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
