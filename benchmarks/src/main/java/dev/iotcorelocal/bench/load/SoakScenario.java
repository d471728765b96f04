package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Soak: normal clients (paced QoS 1 fan-in to one subscriber, latency stamped in the payload)
 * beside {@link HostileClients} for minutes, with a paced QoS 0 stream to the subscriber that
 * never reads. Every interval it records the normal clients' latency percentiles and the broker's
 * heap in use (jcmd, as for the overload scenario). The verdict flags {@code heap_growth} when the
 * live heap at the end exceeds twice the one after warm-up plus 64 MB; {@code latency_degraded}
 * when an interval's p99 exceeds ten times the best interval's and 50 ms;
 * {@code normal_messages_lost} when the normal subscriber got fewer than were sent less what the
 * publishers may have in flight; {@code slowloris_not_closed} when a slowloris connection is
 * still open at the end (their keep-alive is 5 s: complete packets alone should count).
 */
final class SoakScenario {
    private static final int INTERVAL_SECONDS = 10;
    private static final long HEAP_SLACK_BYTES = 64L << 20;
    private static final long LATENCY_FLOOR_MICROS = 50_000;
    private static final int MAX_INFLIGHT_PER_PUBLISHER = 100; // PacedPublisher's bound

    private SoakScenario() {
    }

    /** The soak's knobs; see LoadDriver's --soak-* options. */
    record Settings(int publishers, double normalRate, double floodRate, int payloadBytes, int slowloris,
                    int takeoverPeriodMillis, int warmupSeconds, int durationSeconds, long brokerPid, int threads) {
    }

    static Result run(Target target, Settings s) throws Exception {
        Stats normal = new Stats();
        Stats flood = new Stats();
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        BrokerProbe probe = new BrokerProbe(s.brokerPid());
        List<PacedPublisher> publishers = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        try (Connector connector = new Connector(target, s.threads());
             HostileClients hostile = new HostileClients(target, run, 1)) {
            String normalTopics = "soak/" + run + "/normal";
            LoadClient subscriber = new LoadClient(normal, null, target.version());
            Channel sub = connector.connect(subscriber, "soak-sub-" + run, 600, null).get(30, TimeUnit.SECONDS);
            channels.add(sub);
            sub.writeAndFlush(Packets.subscribe(sub.alloc(), target.version(), 1, normalTopics + "/#", 1));
            subscriber.subscribed.get(30, TimeUnit.SECONDS);
            for (int p = 0; p < s.publishers(); p++) {
                channels.add(publisher(connector, target, normal, normalTopics + "/" + p, 1, s.normalRate() / s.publishers(),
                        s.payloadBytes(), "soak-pub-" + run + "-" + p, publishers));
            }
            normal.recordLatency = true;

            String floodTopic = "soak/" + run + "/flood";
            hostile.startNonReader(normalTopics + "/#", floodTopic);
            channels.add(publisher(connector, target, flood, floodTopic, 0, s.floodRate(), s.payloadBytes(),
                    "soak-flood-" + run, publishers));
            hostile.startSlowloris(s.slowloris(), 5);
            hostile.startPingFlood();
            int stormBound = (int) Math.min(100_000, (long) s.durationSeconds() * 1000 / s.takeoverPeriodMillis());
            hostile.startTakeoverStorm(s.takeoverPeriodMillis(), stormBound);

            Thread.sleep(TimeUnit.SECONDS.toMillis(s.warmupSeconds())); // a benchmark's pacing, not test synchronisation
            long liveAtStart = probe.liveHeapBytes();
            normal.latencyMicros.reset();
            Histogram total = new Histogram(3);
            long bestP99 = Long.MAX_VALUE;
            long worstP99 = 0;
            long peakHeap = -1;
            long receivedBefore = normal.received.sum();
            long sentBefore = normal.sent.sum();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.durationSeconds());
            for (int interval = 1; System.nanoTime() < end; interval++) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                Thread.sleep(Math.max(1, Math.min(left, TimeUnit.SECONDS.toMillis(INTERVAL_SECONDS))));
                Histogram h = normal.latencyMicros.getIntervalHistogram();
                total.add(h);
                long p99 = h.getValueAtPercentile(99);
                if (h.getTotalCount() > 0) {
                    bestP99 = Math.min(bestP99, p99);
                }
                worstP99 = Math.max(worstP99, p99);
                long heap = probe.heapInUseBytes();
                peakHeap = Math.max(peakHeap, heap);
                System.err.printf("soak %3d s: normal p50 %d us p99 %d us (%d samples), heap in use %s, slowloris open %d,"
                                + " ping flooder %s, non-reader %s, takeovers %d%n", interval * INTERVAL_SECONDS,
                        h.getValueAtPercentile(50), p99, h.getTotalCount(), mb(heap), hostile.slowlorisConnected(),
                        hostile.pingFlooderConnected() ? "connected" : "closed",
                        hostile.nonReaderConnected() ? "connected" : "closed", hostile.takeovers.get());
            }
            long liveAtEnd = probe.liveHeapBytes();
            long sent = normal.sent.sum() - sentBefore;
            long received = normal.received.sum() - receivedBefore;
            List<String> flags = new ArrayList<>();
            if (liveAtStart > 0 && liveAtEnd > 2 * liveAtStart + HEAP_SLACK_BYTES) {
                flags.add("heap_growth");
            }
            if (bestP99 != Long.MAX_VALUE && worstP99 > Math.max(10 * bestP99, LATENCY_FLOOR_MICROS)) {
                flags.add("latency_degraded");
            }
            if (received < sent - (long) s.publishers() * MAX_INFLIGHT_PER_PUBLISHER) {
                flags.add("normal_messages_lost");
            }
            if (hostile.slowlorisConnected() > 0) {
                flags.add("slowloris_not_closed");
            }
            Result result = new Result().put("scenario", "soak").put("seconds", s.durationSeconds())
                    .put("normal_sent", sent).put("normal_received", received)
                    .put("p50_us", total.getValueAtPercentile(50)).put("p99_us", total.getValueAtPercentile(99))
                    .put("p999_us", total.getValueAtPercentile(99.9)).put("max_us", total.getMaxValue())
                    .put("best_interval_p99_us", bestP99 == Long.MAX_VALUE ? -1 : bestP99).put("worst_interval_p99_us", worstP99)
                    .put("live_heap_start_mb", mb(liveAtStart)).put("live_heap_end_mb", mb(liveAtEnd))
                    .put("peak_heap_in_use_mb", mb(peakHeap))
                    .put("flood_sent", flood.sent.sum()).put("pings_sent", hostile.pingsSent.sum())
                    .put("ping_flooder_connected", hostile.pingFlooderConnected())
                    .put("non_reader_connected", hostile.nonReaderConnected())
                    .put("slowloris_open", hostile.slowlorisConnected() + "/" + s.slowloris())
                    .put("slowloris_bytes", hostile.slowlorisBytes.sum()).put("takeovers", hostile.takeovers.get())
                    .put("verdict", flags.isEmpty() ? "ok" : String.join(",", flags));
            publishers.forEach(PacedPublisher::stop);
            channels.forEach(Channel::close);
            return result;
        }
    }

    /** Whether a soak result carries a flag (for the driver's exit code). */
    static boolean flagged(Result result) {
        return !result.toString().contains("verdict=ok");
    }

    private static Channel publisher(Connector connector, Target target, Stats stats, String topic, int qos, double rate,
                                     int payloadBytes, String clientId, List<PacedPublisher> publishers) throws Exception {
        LoadClient client = new LoadClient(stats, null, target.version());
        int payload = Math.max(8, payloadBytes);
        ByteBuf template = Packets.template(target.version(), topic, qos, new byte[payload]);
        PacedPublisher publisher = new PacedPublisher(template, template.readableBytes() - payload, qos, rate, stats);
        client.publishing(publisher);
        Channel channel = connector.connect(client, clientId, 600, null).get(30, TimeUnit.SECONDS);
        publishers.add(publisher);
        publisher.start(channel);
        return channel;
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.1f", bytes / 1048576.0);
    }
}
