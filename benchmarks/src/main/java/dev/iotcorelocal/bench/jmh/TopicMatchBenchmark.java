package dev.iotcorelocal.bench.jmh;

import dev.iotcorelocal.routing.Matches;
import dev.iotcorelocal.routing.Subscription;
import dev.iotcorelocal.routing.TopicFilter;
import dev.iotcorelocal.routing.TrieSubscriptionIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Topic matching against 1k, 100k and 1M subscriptions of things: 80% exact filters, 15% with
 * '+', 5% with '#', the shape of a fleet where devices subscribe to their own topics. The cost
 * should stay flat as unrelated subscriptions grow.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class TopicMatchBenchmark {
    @Param({"1000", "100000", "1000000"})
    public int subscriptions;

    private TrieSubscriptionIndex index;
    private byte[][] topics;
    private final Matches matches = new Matches();
    private int next;

    @Setup(Level.Trial)
    public void build() {
        index = new TrieSubscriptionIndex(false);
        SplittableRandom random = new SplittableRandom(42);
        int things = Math.max(1, subscriptions / 4);
        for (int i = 0; i < subscriptions; i++) {
            int thing = random.nextInt(things);
            String filter;
            int kind = random.nextInt(100);
            if (kind < 80) {
                filter = "fleet/thing-" + thing + "/telemetry/" + random.nextInt(4);
            } else if (kind < 95) {
                filter = "fleet/thing-" + thing + "/+/" + random.nextInt(4);
            } else {
                filter = "fleet/thing-" + thing + "/#";
            }
            index.add(new Subscription("client-" + i, TopicFilter.parse(filter), 1, false, false, 0));
        }
        topics = new byte[1024][];
        for (int i = 0; i < topics.length; i++) {
            topics[i] = ("fleet/thing-" + random.nextInt(things) + "/telemetry/" + random.nextInt(4))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Matches a topic as the broker does: a String freshly decoded from the packet's bytes (its
     * hash not yet computed; its allocation is part of the figure) into the router's reused scratch.
     */
    @Benchmark
    public void match(Blackhole blackhole) {
        String topic = new String(topics[next++ & 1023], StandardCharsets.UTF_8);
        matches.acquire();
        index.match(topic, matches);
        blackhole.consume(matches.sources());
        matches.release();
    }
}
