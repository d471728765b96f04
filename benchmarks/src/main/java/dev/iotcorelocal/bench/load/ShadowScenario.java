package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Shadow updates at a fixed total rate, spread round-robin over N things
 * ({@code $aws/things/bench-NNNNN/shadow/update}, QoS 0), and one subscriber on
 * {@code $aws/things/+/shadow/update/accepted}: throughput is accepted answers received per
 * second, latency is request sent to its accepted answer. The send time travels in the
 * request's clientToken (16 hex digits), which the answer echoes last. Run the broker with
 * {@code --profile relaxed}: AWS's 100 publishes/s per connection would throttle the driver.
 */
final class ShadowScenario {
    private static final String PREFIX = "$aws/things/bench-";
    private static final String TOKEN = "0000000000000000";

    private ShadowScenario() {
    }

    static Result run(Target target, int publishers, int things, double ratePerSecond, int warmupSeconds,
                      int durationSeconds, int threads) throws Exception {
        Stats stats = new Stats();
        stats.latencyFromClientToken = true;
        try (Connector connector = new Connector(target, threads)) {
            LoadClient subscriber = new LoadClient(stats, null, target.version());
            Channel subChannel = connector.connect(subscriber, "shadow-sub", 600, null).get();
            subChannel.writeAndFlush(Packets.subscribe(subChannel.alloc(), target.version(), 1,
                    "$aws/things/+/shadow/update/accepted", 0));
            subscriber.subscribed.get(30, TimeUnit.SECONDS);
            List<Channel> channels = new ArrayList<>(List.of(subChannel));
            List<Updater> updaters = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                Updater updater = new Updater(target.version(), p, publishers, things, ratePerSecond / publishers, stats);
                LoadClient client = new LoadClient(stats, null, target.version());
                client.publishing(updater);
                channels.add(connector.connect(client, "shadow-pub-" + p, 600, null).get());
                updaters.add(updater);
                updater.start(channels.get(channels.size() - 1));
            }
            stats.recordLatency = true;
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds)); // a benchmark's pacing, not test synchronisation
            stats.latencyMicros.reset();
            long receivedBefore = stats.received.sum();
            long sentBefore = stats.sent.sum();
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(durationSeconds));
            Histogram histogram = stats.latencyMicros.getIntervalHistogram();
            double seconds = (System.nanoTime() - start) / 1e9;
            long received = stats.received.sum() - receivedBefore;
            long sent = stats.sent.sum() - sentBefore;
            updaters.forEach(Updater::stop);
            channels.forEach(Channel::close);
            return new Result().put("scenario", "shadow").put("publishers", publishers).put("things", things)
                    .put("rate", ratePerSecond).put("sent_per_s", sent / seconds).put("accepted_per_s", received / seconds)
                    .put("p50_us", histogram.getValueAtPercentile(50)).put("p90_us", histogram.getValueAtPercentile(90))
                    .put("p99_us", histogram.getValueAtPercentile(99))
                    .put("p999_us", histogram.getValueAtPercentile(99.9)).put("max_us", histogram.getMaxValue())
                    .put("samples", histogram.getTotalCount());
        }
    }

    /** Paced like PacedPublisher; patches the thing number into the topic and the send time into the token. */
    private static final class Updater implements LoadClient.Publishing {
        private final ByteBuf template;
        private final int thingIndex;
        private final int tokenIndex;
        private final int first;
        private final int step;
        private final int things;
        private final double perMillisecond;
        private final Stats stats;
        private Channel channel;
        private ScheduledFuture<?> ticker;
        private long startNanos;
        private long sent;
        private int next;

        Updater(int version, int first, int step, int things, double perSecond, Stats stats) {
            String payload = "{\"state\":{\"reported\":{\"temperature\":21.5,\"on\":true}},\"clientToken\":\""
                    + TOKEN + "\"}";
            this.template = Packets.template(version, PREFIX + "00000/shadow/update", 0,
                    payload.getBytes(StandardCharsets.UTF_8));
            this.thingIndex = indexOf(template, PREFIX) + PREFIX.length();
            this.tokenIndex = template.readableBytes() - TOKEN.length() - 2;
            this.first = first;
            this.step = step;
            this.things = things;
            this.next = first;
            this.perMillisecond = perSecond / 1000.0;
            this.stats = stats;
        }

        private static int indexOf(ByteBuf buf, String text) {
            byte[] needle = text.getBytes(StandardCharsets.UTF_8);
            outer:
            for (int i = 0; i <= buf.readableBytes() - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (buf.getByte(i + j) != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            throw new IllegalStateException("template has no " + text);
        }

        @Override
        public void start(Channel channel) {
            this.channel = channel;
            startNanos = System.nanoTime();
            ticker = channel.eventLoop().scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.MILLISECONDS);
        }

        void stop() {
            if (ticker != null) {
                ticker.cancel(false);
            }
        }

        private void tick() {
            long due = (long) ((System.nanoTime() - startNanos) / 1_000_000.0 * perMillisecond) - sent;
            for (long i = 0; i < due; i++) {
                ByteBuf packet = channel.alloc().buffer(template.readableBytes())
                        .writeBytes(template, 0, template.readableBytes());
                writeDigits(packet, thingIndex, next, 5, 10);
                next = next + step >= things ? first : next + step;
                writeDigits(packet, tokenIndex, System.nanoTime(), 16, 16);
                channel.write(packet, channel.voidPromise());
            }
            if (due > 0) {
                sent += due;
                stats.sent.add(due);
                channel.flush();
            }
        }

        private static void writeDigits(ByteBuf packet, int index, long value, int width, int radix) {
            for (int i = width - 1; i >= 0; i--) {
                packet.setByte(index + i, Character.forDigit((int) (value % radix), radix));
                value /= radix;
            }
        }

        @Override
        public void onPuback() {
        }

        @Override
        public void onWritable() {
        }
    }
}
