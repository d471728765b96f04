package dev.iotcorelocal.bench.jmh;

import dev.iotcorelocal.message.Delivery;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.routing.TrieSubscriptionIndex;
import dev.iotcorelocal.session.InMemorySessionStore;
import dev.iotcorelocal.session.ManualTime;
import dev.iotcorelocal.session.Session;
import dev.iotcorelocal.session.SessionRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Offer then poll on a session queue: the cross-thread hand-off every delivery goes through. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SessionQueueBenchmark {
    private Session session;
    private Delivery delivery;

    @Setup
    public void setUp() {
        SessionRegistry registry = new SessionRegistry(new InMemorySessionStore(), new TrieSubscriptionIndex(false),
                new ManualTime(Instant.EPOCH), 10_000);
        session = registry.attach("bench", MqttVersion.V5, true, 0, IdleOwner.INSTANCE).session();
        delivery = new Delivery(new Message("t", new byte[64], 1, false, PublishProperties.EMPTY, Message.NEVER, "p"), 1, false);
    }

    @Benchmark
    public Delivery offerThenPoll() {
        session.offer(delivery);
        Delivery polled = session.poll();
        session.drainedEmpty();
        return polled;
    }

    @Benchmark
    public int offerBatchOf64ThenDrain() {
        for (int i = 0; i < 64; i++) {
            session.offer(delivery);
        }
        int n = 0;
        while (session.poll() != null) {
            n++;
        }
        session.drainedEmpty();
        return n;
    }
}
