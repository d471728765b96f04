package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Overload: publishers flood QoS 0 open loop (no run-ahead bound) for the whole duration at a
 * subscriber that reads only a little every 100 ms. Every few seconds a fresh client connects
 * and pings; reports the broker's peak heap in use, the slowest probe connect and PINGRESP, and
 * how much the slow subscriber got. A broker passes when heap stays bounded and probes stay fast.
 */
final class OverloadScenario {
    private OverloadScenario() {
    }

    static Result run(Target target, int publishers, int payloadBytes, int durationSeconds, long brokerPid, int threads)
            throws Exception {
        Stats stats = new Stats();
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        BrokerProbe probe = new BrokerProbe(brokerPid);
        try (Connector connector = new Connector(target, threads)) {
            LoadClient subscriber = new LoadClient(stats, null, target.version());
            Channel slow = connector.connect(subscriber, "slow-" + run, 600, null).get();
            slow.writeAndFlush(Packets.subscribe(slow.alloc(), target.version(), 1, "flood/" + run + "/#", 0));
            subscriber.subscribed.get(30, TimeUnit.SECONDS);
            slow.config().setAutoRead(false); // from now on it reads one buffer every 100 ms
            slow.eventLoop().scheduleAtFixedRate(slow::read, 100, 100, TimeUnit.MILLISECONDS);

            RunAhead unbounded = new RunAhead(Long.MAX_VALUE / 4);
            List<FloodPublisher> floods = new ArrayList<>();
            List<Channel> channels = new ArrayList<>(List.of(slow));
            for (int p = 0; p < publishers; p++) {
                LoadClient client = new LoadClient(stats, null, target.version());
                ByteBuf template = Packets.template(target.version(),
                        "flood/" + run + "/" + p, 0, new byte[payloadBytes]);
                FloodPublisher flood = new FloodPublisher(template, 0, 1, 100, unbounded, stats);
                client.publishing(flood);
                Channel channel = connector.connect(client, "flood-pub-" + run + "-" + p, 600, null).get();
                channels.add(channel);
                floods.add(flood);
                flood.start(channel);
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
            long peakHeap = -1;
            double slowestConnectMs = 0;
            double slowestPingMs = 0;
            int probes = 0;
            // The probe has its own event loop: the flooding publishers saturate the driver's loops,
            // and the probe must measure the broker, not the driver.
            try (Connector probeConnector = new Connector(target, 1)) {
                while (System.nanoTime() < end) {
                    Thread.sleep(5_000); // a benchmark's pacing, not test synchronisation
                    double[] times = probeClient(probeConnector, target, "probe-" + run + "-" + probes++);
                    System.err.printf("probe %d: connect %.1f ms, ping %.1f ms%n", probes, times[0], times[1]);
                    slowestConnectMs = Math.max(slowestConnectMs, times[0]);
                    slowestPingMs = Math.max(slowestPingMs, times[1]);
                    peakHeap = Math.max(peakHeap, probe.heapInUseBytes());
                }
            }
            long liveHeap = probe.liveHeapBytes(); // after a full GC, flood still running
            floods.forEach(FloodPublisher::stop);
            channels.forEach(Channel::close);
            return new Result().put("scenario", "overload").put("publishers", publishers).put("seconds", durationSeconds)
                    .put("published", stats.sent.sum()).put("slow_subscriber_received", stats.received.sum())
                    .put("peak_heap_in_use_mb", peakHeap < 0 ? "n/a" : String.format("%.1f", peakHeap / 1048576.0))
                    .put("live_heap_after_gc_mb", liveHeap < 0 ? "n/a" : String.format("%.1f", liveHeap / 1048576.0))
                    .put("probe_connect_ms_max", slowestConnectMs).put("probe_ping_ms_max", slowestPingMs)
                    .put("probes", probes);
        }
    }

    /** Connect + CONNACK time and PINGREQ-PINGRESP time of a fresh client, in milliseconds. */
    private static double[] probeClient(Connector connector, Target target, String clientId) throws Exception {
        long start = System.nanoTime();
        PingClient client = new PingClient(new Stats(), target.version());
        Channel channel = connector.connect(client, clientId, 60, null).get(10, TimeUnit.SECONDS);
        long connacked = System.nanoTime();
        double connectMs = (connacked - start) / 1e6;
        System.err.printf("  tcp %.1f ms, CONNECT->CONNACK %.1f ms%n", (client.tcpConnectedNanos - start) / 1e6,
                (connacked - client.tcpConnectedNanos) / 1e6);
        long pingStart = System.nanoTime();
        CompletableFuture<Void> pong = client.ping(channel);
        pong.get(10, TimeUnit.SECONDS);
        double pingMs = (System.nanoTime() - pingStart) / 1e6;
        channel.close();
        return new double[]{connectMs, pingMs};
    }
}
