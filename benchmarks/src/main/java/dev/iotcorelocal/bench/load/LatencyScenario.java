package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Fan-in at a fixed total rate; reports end-to-end latency percentiles (HdrHistogram, microseconds). */
final class LatencyScenario {
    private LatencyScenario() {
    }

    static Result run(Target target, int publishers, int qos, int payloadBytes, double ratePerSecond, int warmupSeconds,
                      int durationSeconds, int threads) throws Exception {
        Stats stats = new Stats();
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        try (Connector connector = new Connector(target, threads)) {
            LoadClient subscriber = new LoadClient(stats, null, target.version());
            Channel subChannel = connector.connect(subscriber, "lat-sub-" + run, 600, null).get();
            subChannel.writeAndFlush(Packets.subscribe(subChannel.alloc(), target.version(), 1, "lat/" + run + "/#", qos));
            subscriber.subscribed.get(30, TimeUnit.SECONDS);
            List<PacedPublisher> paced = new ArrayList<>();
            List<Channel> channels = new ArrayList<>(List.of(subChannel));
            for (int p = 0; p < publishers; p++) {
                LoadClient client = new LoadClient(stats, null, target.version());
                ByteBuf template = Packets.template(target.version(),
                        "lat/" + run + "/" + p, qos, new byte[Math.max(8, payloadBytes)]);
                int payloadIndex = template.readableBytes() - Math.max(8, payloadBytes);
                PacedPublisher publisher = new PacedPublisher(template, payloadIndex, qos, ratePerSecond / publishers, stats);
                client.publishing(publisher);
                Channel channel = connector.connect(client, "lat-pub-" + run + "-" + p, 600, null).get();
                channels.add(channel);
                paced.add(publisher);
                publisher.start(channel);
            }
            stats.recordLatency = true;
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds)); // a benchmark's pacing, not test synchronisation
            stats.latencyMicros.reset();
            long receivedBefore = stats.received.sum();
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(durationSeconds));
            Histogram histogram = stats.latencyMicros.getIntervalHistogram();
            double seconds = (System.nanoTime() - start) / 1e9;
            long received = stats.received.sum() - receivedBefore;
            paced.forEach(PacedPublisher::stop);
            channels.forEach(Channel::close);
            return new Result().put("scenario", "latency").put("publishers", publishers).put("qos", qos)
                    .put("rate", ratePerSecond).put("msgs_per_s", received / seconds)
                    .put("p50_us", histogram.getValueAtPercentile(50)).put("p90_us", histogram.getValueAtPercentile(90))
                    .put("p99_us", histogram.getValueAtPercentile(99))
                    .put("p999_us", histogram.getValueAtPercentile(99.9)).put("max_us", histogram.getMaxValue())
                    .put("samples", histogram.getTotalCount());
        }
    }
}
