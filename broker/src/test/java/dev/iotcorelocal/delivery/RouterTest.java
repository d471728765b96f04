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
import dev.iotcorelocal.session.Session;
import dev.iotcorelocal.session.SessionOwner;
import dev.iotcorelocal.session.SessionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A client whose subscriptions overlap gets one copy of a message, at the highest of their QoS. */
class RouterTest {
    private final TrieSubscriptionIndex index = new TrieSubscriptionIndex(false);
    private final SessionRegistry registry = new SessionRegistry(new InMemorySessionStore(), index,
            new ManualTime(Instant.EPOCH), 100);
    private final Router router = new Router(index, registry, new RetainedStore<>(), java.time.Clock.systemUTC());
    private final SessionOwner owner = new SessionOwner() {
        @Override
        public void wake() {
        }

        @Override
        public void takeOver() {
        }
    };

    @ParameterizedTest(name = "{0} clients")
    @ValueSource(ints = {1, 3, 40}) // few matched subscriptions are compared pairwise, many through a map
    void everyClientGetsOneCopyAtItsStrongestMatchingQos(int clients) {
        List<Session> sessions = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String clientId = "client-" + c;
            Session session = registry.attach(clientId, MqttVersion.V5, true, 0, owner).session();
            subscribe(session, "room/1/temp", 0);
            subscribe(session, "room/+/temp", c % 2); // odd clients: the wildcard is the stronger one
            subscribe(session, "room/#", 0);
            sessions.add(session);
        }

        int routed = router.route(new Message("room/1/temp", new byte[]{42}, 1, false, PublishProperties.EMPTY,
                Message.NEVER, "publisher"));

        assertThat(routed).isEqualTo(clients);
        for (int c = 0; c < clients; c++) {
            Delivery delivery = sessions.get(c).poll();
            assertThat(delivery).as("client %d", c).isNotNull();
            assertThat(delivery.qos()).as("client %d", c).isEqualTo(c % 2);
            assertThat(sessions.get(c).poll()).as("client %d: one copy", c).isNull();
        }
    }

    @Test
    void aBasicIngestMessageReachesTheTapOnlyNeverASubscriberOrTheRetainedStore() {
        RetainedStore<Message> retained = new RetainedStore<>();
        Router ingesting = new Router(index, registry, retained, java.time.Clock.systemUTC());
        List<String> tapped = new ArrayList<>();
        ingesting.tap(m -> tapped.add(m.topic()));
        Session everything = registry.attach("listener", MqttVersion.V5, true, 0, owner).session();
        subscribe(everything, "#", 1);
        subscribe(everything, "$aws/rules/#", 1);

        int routed = ingesting.route(new Message("$aws/rules/ingest/a", new byte[]{1}, 1, true, PublishProperties.EMPTY,
                Message.NEVER, "publisher"));
        ingesting.route(message("marker", 1));

        assertThat(routed).isZero();
        assertThat(tapped).containsExactly("$aws/rules/ingest/a", "marker");
        assertThat(everything.poll().message().topic()).as("only the marker arrives").isEqualTo("marker");
        assertThat(everything.poll()).isNull();
        assertThat(retained.get("$aws/rules/ingest/a")).isNull();
    }

    @ParameterizedTest(name = "queue capacity {0}")
    @ValueSource(ints = {4, 5, 8, 33, 63, 64, 65, 100, 10_000}) // 4..64 made JCTools refuse the queue
    void everyAcceptedQueueCapacityQueuesExactlyThatMany(int capacity) {
        SessionRegistry small = new SessionRegistry(new InMemorySessionStore(), index, new ManualTime(Instant.EPOCH),
                capacity);
        Router smallRouter = new Router(index, small, new RetainedStore<>(), java.time.Clock.systemUTC());
        Session session = small.attach("small", MqttVersion.V5, true, 0, owner).session();
        subscribe(session, "t", 1);

        int accepted = 0;
        for (int i = 0; i < capacity + 3; i++) {
            accepted += smallRouter.route(message("t", i));
        }

        assertThat(accepted).isEqualTo(capacity);
        for (int i = 0; i < capacity; i++) {
            assertThat(session.poll().message().payload()).containsExactly(i & 0xFF);
        }
        assertThat(session.poll()).isNull();
        assertThat(session.droppedCount()).isEqualTo(3);
    }

    @Test
    void aSubscriberThatFailsDoesNotKeepTheMessageFromTheOthers() {
        SessionOwner broken = new SessionOwner() {
            @Override
            public void wake() {
                throw new IllegalStateException("wake-up failed");
            }

            @Override
            public void takeOver() {
            }
        };
        Session first = registry.attach("first", MqttVersion.V5, true, 0, owner).session();
        Session failing = registry.attach("failing", MqttVersion.V5, true, 0, broken).session();
        Session last = registry.attach("last", MqttVersion.V5, true, 0, owner).session();
        for (Session s : List.of(first, failing, last)) {
            subscribe(s, "t", 1);
        }

        int routed = router.route(message("t", 1));
        router.route(message("t", 2));

        assertThat(routed).isEqualTo(2);
        assertThat(first.poll().message().payload()).containsExactly(1);
        assertThat(last.poll().message().payload()).containsExactly(1);
        assertThat(last.poll().message().payload()).containsExactly(2);
        assertThat(router.failedDeliveries()).isEqualTo(2);
    }

    private static Message message(String topic, int marker) {
        return new Message(topic, new byte[]{(byte) marker}, 1, false, PublishProperties.EMPTY, Message.NEVER, "publisher");
    }

    private void subscribe(Session session, String filter, int qos) {
        Subscription subscription = new Subscription(session.clientId(), TopicFilter.parse(filter), qos, false, false, 0);
        session.addSubscription(subscription);
        index.add(subscription);
    }
}
