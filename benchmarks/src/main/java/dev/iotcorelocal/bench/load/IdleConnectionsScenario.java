package dev.iotcorelocal.bench.load;

import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens C idle connections (CONNECT, then silence), spreading source addresses over
 * 127.0.0.x once one address's ports run out, and reports the connect rate and what the broker
 * process holds per connection (RSS, and live heap for JVM brokers) via {@link BrokerProbe}.
 */
final class IdleConnectionsScenario {
    /** Below the ~28k ephemeral ports of one address, leaving room for a previous run's TIME_WAIT sockets. */
    private static final int PER_SOURCE_ADDRESS = 10_000;

    private IdleConnectionsScenario() {
    }

    static Result run(Target target, int connections, int concurrency, int holdSeconds, long brokerPid, int threads)
            throws Exception {
        Stats stats = new Stats();
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        BrokerProbe probe = new BrokerProbe(brokerPid);
        long heapBefore = probe.liveHeapBytes(); // runs a full GC first, so both readings follow a GC
        long rssBefore = probe.rssBytes();
        try (Connector connector = new Connector(target, threads)) {
            List<Channel> channels = new ArrayList<>(connections);
            Semaphore inFlight = new Semaphore(concurrency);
            List<CompletableFuture<Channel>> pending = new ArrayList<>();
            long start = System.nanoTime();
            int firstAddress = 2 + (int) (System.nanoTime() % 200); // another run's TIME_WAIT ports stay out of the way
            for (int i = 0; i < connections; i++) {
                inFlight.acquire();
                InetSocketAddress source = new InetSocketAddress("127.0.1." + (firstAddress + i / PER_SOURCE_ADDRESS), 0);
                CompletableFuture<Channel> connected = connector.connect(new LoadClient(stats, null, target.version()),
                        "idle-" + run + "-" + i, 1200, source);
                connected.whenComplete((c, e) -> inFlight.release());
                pending.add(connected);
            }
            int failed = 0;
            for (CompletableFuture<Channel> f : pending) {
                try {
                    channels.add(f.get());
                } catch (Exception e) {
                    failed++;
                }
            }
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds)); // hold them idle
            long alive = channels.stream().filter(Channel::isActive).count();
            long heapAfter = probe.liveHeapBytes();
            long rssAfter = probe.rssBytes();
            channels.forEach(Channel::close);
            Result result = new Result().put("scenario", "idle").put("connections", connections)
                    .put("connected", channels.size()).put("failed", failed).put("alive_after_hold", alive)
                    .put("connects_per_s", channels.size() / connectSeconds);
            if (rssBefore > 0) {
                result.put("rss_per_conn_bytes", (double) (rssAfter - rssBefore) / Math.max(1, channels.size()));
            }
            if (heapBefore > 0 && heapAfter > 0) {
                result.put("heap_per_conn_bytes", (double) (heapAfter - heapBefore) / Math.max(1, channels.size()));
            }
            return result;
        }
    }
}
