package dev.iotcorelocal.delivery;

import dev.iotcorelocal.message.Delivery;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.routing.RetainedStore;
import dev.iotcorelocal.routing.Subscription;
import dev.iotcorelocal.routing.TopicFilter;
import dev.iotcorelocal.routing.TrieSubscriptionIndex;
import dev.iotcorelocal.session.InMemorySessionStore;
import dev.iotcorelocal.session.ManualTime;
import dev.iotcorelocal.session.OfflineQueueBudget;
import dev.iotcorelocal.session.Session;
import dev.iotcorelocal.session.SessionOwner;
import dev.iotcorelocal.session.SessionRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared subscriptions (online members first, a leaving member's messages handed on, group state
 * pruned) and the memory bounds (expired messages make room, the offline-queue budget, retained
 * messages), through the router, the registry and the index together, on a manual clock.
 */
class SharedAndBoundedRoutingTest {
    private static final String SHARE = "$share/workers/jobs";

    private final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    private final TrieSubscriptionIndex index = new TrieSubscriptionIndex(false);
    private final OfflineQueueBudget budget = new OfflineQueueBudget(10 * (10 + 64));
    private final SessionRegistry registry = new SessionRegistry(new InMemorySessionStore(), index, time, 65, budget);
    private final RetainedStore<Message> retained = new RetainedStore<>(2, 0, m -> m.payload().length, System::currentTimeMillis);
    private final Router router = new Router(index, registry, retained, time.clock());
    private final SessionOwner owner = new SessionOwner() {
        @Override
        public void wake() {
        }

        @Override
        public void takeOver() {
        }
    };

    SharedAndBoundedRoutingTest() {
        registry.sharedRedelivery(router::redeliverShared);
    }

    @Test
    void onlineMembersGetEveryMessageAndAnOfflineMemberNoQos0() {
        Session offline = persistentMember("offline", 1);
        registry.detach(offline, owner, null, 0);
        Session online = member("online", 1);

        for (int i = 0; i < 20; i++) {
            assertThat(router.route(message(SHARE_TOPIC, 0, "m" + i))).isEqualTo(1);
        }
        router.route(message(SHARE_TOPIC, 1, "marker"));

        assertThat(payloads(online)).hasSize(21).endsWith("marker");
        assertThat(offline.queuedCount()).as("nothing for the offline member while one is online").isZero();
    }

    @Test
    void withNoMemberOnlineOnlyQos1GoesToAnOfflinePersistentMember() {
        Session a = persistentMember("a", 1);
        Session b = persistentMember("b", 0); // granted QoS 0: cannot queue offline either
        registry.detach(a, owner, null, 0);
        registry.detach(b, owner, null, 0);

        assertThat(router.route(message(SHARE_TOPIC, 0, "lost anyway"))).isZero();
        for (int i = 0; i < 4; i++) {
            assertThat(router.route(message(SHARE_TOPIC, 1, "kept" + i))).isEqualTo(1);
        }

        assertThat(payloads(a)).containsExactly("kept0", "kept1", "kept2", "kept3");
        assertThat(b.queuedCount()).isZero();
    }

    @Test
    void anUnsubscribedMembersQueuedMessagesGoToAnotherMember() {
        Session leaver = member("leaver", 1);
        Session stayer = member("stayer", 1);
        router.route(message(SHARE_TOPIC, 1, "to leaver")); // round robin: first member first
        router.route(message(SHARE_TOPIC, 1, "to stayer"));
        assertThat(leaver.queuedCount()).isOne();

        unsubscribe(leaver, SHARE);
        router.route(message(SHARE_TOPIC, 1, "marker"));

        assertThat(leaver.peek()).as("handed on when its drain reaches it").isNull();
        assertThat(payloads(stayer)).containsExactly("to stayer", "marker", "to leaver");
    }

    @Test
    void anEndedMembersInFlightAndQueuedMessagesGoToAnotherMember() {
        Session leaver = member("leaver", 1);
        Session stayer = member("stayer", 1);
        router.route(message(SHARE_TOPIC, 1, "in flight"));
        router.route(message(SHARE_TOPIC, 1, "s1"));
        router.route(message(SHARE_TOPIC, 1, "queued"));
        Delivery sent = leaver.poll();
        leaver.inflight().put(leaver.inflight().nextPacketId(), sent);

        registry.detach(leaver, owner, null, 0); // session expiry 0: the session ends

        assertThat(registry.get("leaver")).isNull();
        assertThat(payloads(stayer)).containsExactly("s1", "in flight", "queued");
    }

    @Test
    void aGroupsStateGoesWithItsLastMember() {
        Session client = registry.attach("cycler", MqttVersion.V5, true, 0, owner).session();
        for (int i = 0; i < 513; i++) {
            String share = "$share/" + i + "x".repeat(65_000) + "/jobs";
            subscribe(client, share, 1);
            router.route(message(SHARE_TOPIC, 1, "m"));
            unsubscribe(client, share);
        }
        assertThat(index.shareGroupCount()).isZero();
        assertThat(index.size()).isZero();
    }

    @Test
    void expiredMessagesMakeRoomInAFullOfflineQueue() {
        SessionRegistry unbudgeted = new SessionRegistry(new InMemorySessionStore(), index, time, 65);
        Router unbudgetedRouter = new Router(index, unbudgeted, retained, time.clock());
        Session session = unbudgeted.attach("sleeper", MqttVersion.V5, true, 3600, owner).session();
        subscribe(session, "t", 1);
        unbudgeted.detach(session, owner, null, 0);
        long expiresAt = time.clock().millis() + 1_000;
        for (int i = 0; i < 65; i++) {
            unbudgetedRouter.route(new Message("t", new byte[0], 1, false, PublishProperties.EMPTY, expiresAt, "p"));
        }
        time.advance(Duration.ofSeconds(2));

        assertThat(unbudgetedRouter.route(message("t", 1, "fresh"))).isOne();
        assertThat(session.droppedCount()).isZero();
        assertThat(payloads(session)).containsExactly("fresh");
    }

    @Test
    void offlineSessionsTogetherStayWithinTheBudgetAndAResumeGivesItBack() {
        Session first = offlineSubscriber("first");
        Session second = offlineSubscriber("second");
        int accepted = 0;
        for (int i = 0; i < 8; i++) {
            accepted += router.route(message("t", 1, "0123456789")); // 10 bytes + 64 overhead each, to both
        }
        assertThat(accepted).as("10 entries fit the budget").isEqualTo(10);
        assertThat(first.droppedCount() + second.droppedCount()).isEqualTo(6);

        registry.attach("first", MqttVersion.V5, false, 3600, owner); // resumed: bounded by its queue now
        assertThat(budget.reservedBytes()).isEqualTo(second.queuedCount() * (10 + 64L));
        assertThat(router.route(message("t", 1, "0123456789"))).isEqualTo(2);
    }

    @Test
    void theRetainedStoreAloneDecidesAtItsBoundAndRouteReportsItsRefusal() {
        assertThat(router.route(retain("a", "1"))).isNotEqualTo(Router.RETAIN_REFUSED);
        assertThat(router.route(retain("b", "1"))).isNotEqualTo(Router.RETAIN_REFUSED);

        assertThat(router.route(retain("c", "1"))).as("a third topic past the bound").isEqualTo(Router.RETAIN_REFUSED);
        assertThat(router.retainedFor("c", time.clock().millis())).isNull();
        assertThat(router.route(retain("a", "5"))).as("replacing").isNotEqualTo(Router.RETAIN_REFUSED);
        assertThat(router.retainedFor("a", time.clock().millis()).payload()).containsExactly('5');
        assertThat(router.route(retain("c", ""))).as("deleting").isNotEqualTo(Router.RETAIN_REFUSED);

        router.route(retain("b", ""));
        assertThat(router.route(retain("c", "1"))).isNotEqualTo(Router.RETAIN_REFUSED);
        assertThat(router.retainedFor("c", time.clock().millis())).isNotNull();
    }

    private static final String SHARE_TOPIC = "jobs";

    private Session member(String clientId, int qos) {
        Session session = registry.attach(clientId, MqttVersion.V5, true, 0, owner).session();
        subscribe(session, SHARE, qos);
        return session;
    }

    private Session persistentMember(String clientId, int qos) {
        Session session = registry.attach(clientId, MqttVersion.V5, true, 3600, owner).session();
        subscribe(session, SHARE, qos);
        return session;
    }

    private Session offlineSubscriber(String clientId) {
        Session session = registry.attach(clientId, MqttVersion.V5, true, 3600, owner).session();
        subscribe(session, "t", 1);
        registry.detach(session, owner, null, 0);
        return session;
    }

    private void subscribe(Session session, String filter, int qos) {
        Subscription subscription = new Subscription(session.clientId(), TopicFilter.parse(filter), qos, false, false, 0);
        session.addSubscription(subscription);
        index.add(subscription);
    }

    private void unsubscribe(Session session, String filter) {
        TopicFilter parsed = TopicFilter.parse(filter);
        session.removeSubscription(parsed.key());
        index.remove(session.clientId(), parsed);
    }

    private static Message message(String topic, int qos, String payload) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false, PublishProperties.EMPTY,
                Message.NEVER, "publisher");
    }

    private static Message retain(String topic, String payload) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true, PublishProperties.EMPTY,
                Message.NEVER, "publisher");
    }

    /** Drains the session as its connection would (peek, then poll), returning the payloads. */
    private static List<String> payloads(Session session) {
        List<String> out = new ArrayList<>();
        while (session.peek() != null) {
            out.add(new String(session.poll().message().payload(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
