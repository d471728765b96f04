package dev.iotcorelocal.bench.jmh;

import dev.iotcorelocal.delivery.Router;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Routing one message to 1, 100 and 10,000 online subscribers: index match, per-client
 * de-duplication and one queue offer per subscriber. Queues are drained after each call so they
 * never fill.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoutingBenchmark {
    @Param({"1", "10", "100", "10000"})
    public int subscribers;

    /** "same": every subscriber on one filter; "mixed": half on an exact filter, half on '+' (de-duplication path). */
    @Param({"same", "mixed"})
    public String filters;

    private Router router;
    private Message message;
    private final List<Session> sessions = new ArrayList<>();

    @Setup
    public void setUp() {
        TrieSubscriptionIndex index = new TrieSubscriptionIndex(false);
        SessionRegistry registry = new SessionRegistry(new InMemorySessionStore(), index,
                new ManualTime(Instant.EPOCH), 1_000);
        SessionOwner owner = IdleOwner.INSTANCE;
        for (int i = 0; i < subscribers; i++) {
            String clientId = "sub-" + i;
            Session session = registry.attach(clientId, MqttVersion.V5, true, 0, owner).session();
            Subscription subscription = new Subscription(clientId, TopicFilter.parse(filters.equals("mixed") && i % 2 == 1 ? "bench/+" : "bench/out"),
                    0, false, false, 0);
            session.addSubscription(subscription);
            index.add(subscription);
            sessions.add(session);
        }
        router = new Router(index, registry, new RetainedStore<>(), java.time.Clock.systemUTC());
        message = new Message("bench/out", new byte[64], 0, false, PublishProperties.EMPTY, Message.NEVER, "publisher");
    }

    @Benchmark
    public int route() {
        int routed = router.route(message);
        for (int i = 0; i < sessions.size(); i++) {
            Session s = sessions.get(i);
            s.poll();
            s.drainedEmpty(); // as a drain that emptied the queue: the next offer wakes again
        }
        return routed;
    }
}
