package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Flood publishers, each on its own connection (its PUBACKs free its own in-flight window), and
 * the measured window the flooding scenarios share: warm up, count what subscribers receive over
 * the duration, stop, and wait until what was sent has arrived.
 */
final class FloodRun {
    private final List<FloodPublisher> floods;

    private FloodRun(List<FloodPublisher> floods) {
        this.floods = floods;
    }

    /**
     * Connects the publishers ({@code clientPrefix + p}, publishing to {@code topic(p)}) and starts them;
     * their channels are added to {@code channels} for the caller to close.
     */
    static FloodRun start(Connector connector, Target target, Stats stats, RunAhead runAhead, int publishers,
                          IntFunction<String> topic, byte[] payload, int qos, int fanOut, String clientPrefix,
                          List<Channel> channels) throws Exception {
        List<FloodPublisher> floods = new ArrayList<>();
        List<CompletableFuture<Channel>> started = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            LoadClient client = new LoadClient(stats, null, target.version());
            ByteBuf template = Packets.template(target.version(), topic.apply(p), qos, payload);
            FloodPublisher flood = new FloodPublisher(template, qos, fanOut, 100, runAhead, stats);
            client.publishing(flood);
            floods.add(flood);
            started.add(connector.connect(client, clientPrefix + p, 600, null));
        }
        for (int i = 0; i < floods.size(); i++) {
            Channel channel = started.get(i).get();
            channels.add(channel);
            floods.get(i).start(channel);
        }
        return new FloodRun(floods);
    }

    /** Messages received per second over the duration, after the warm-up; returns once the rest has arrived. */
    double measure(Stats stats, int warmupSeconds, int durationSeconds, int fanOut) throws InterruptedException {
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds)); // a benchmark's pacing, not test synchronisation
        long receivedBefore = stats.received.sum();
        long start = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(durationSeconds));
        long receivedAfter = stats.received.sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        floods.forEach(FloodPublisher::stop);
        Drain.await(() -> stats.sent.sum() * fanOut, stats.received::sum);
        return (receivedAfter - receivedBefore) / seconds;
    }
}
