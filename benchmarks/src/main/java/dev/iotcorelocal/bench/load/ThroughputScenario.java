package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fan-in (P publishers to one wildcard subscriber) and fan-out (one publisher to S subscribers),
 * QoS 0 or 1. Throughput counts only messages subscribers received during the measured seconds;
 * loss is what was sent times the fan-out minus what arrived once publishing stopped.
 */
final class ThroughputScenario {
    private ThroughputScenario() {
    }

    static Result run(Target target, int publishers, int subscribers, int qos, int payloadBytes, int warmupSeconds,
                      int durationSeconds, long window, int threads) throws Exception {
        Stats stats = new Stats();
        RunAhead runAhead = new RunAhead(window);
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        boolean fanIn = subscribers == 1;
        try (Connector connector = new Connector(target, threads)) {
            List<Channel> channels = new ArrayList<>();
            for (int s = 0; s < subscribers; s++) {
                LoadClient client = new LoadClient(stats, runAhead, target.version());
                Channel channel = connector.connect(client, "sub-" + run + "-" + s, 600, null).get();
                channel.writeAndFlush(Packets.subscribe(channel.alloc(), target.version(), 1,
                        fanIn ? "bench/" + run + "/#" : "bench/" + run + "/out", qos));
                client.subscribed.get(30, TimeUnit.SECONDS);
                channels.add(channel);
            }
            List<FloodPublisher> floods = new ArrayList<>();
            List<CompletableFuture<Channel>> started = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                LoadClient client = new LoadClient(stats, null, target.version());
                ByteBuf template = Packets.template(target.version(),
                        fanIn ? "bench/" + run + "/in/" + p : "bench/" + run + "/out", qos, new byte[payloadBytes]);
                FloodPublisher flood = new FloodPublisher(template, qos, subscribers, 100, runAhead, stats);
                client.publishing(flood);
                floods.add(flood);
                started.add(connector.connect(client, "pub-" + run + "-" + p, 600, null));
            }
            // Each publisher starts on its own connection: its PUBACKs free its own in-flight window.
            for (int i = 0; i < floods.size(); i++) {
                Channel channel = started.get(i).get();
                channels.add(channel);
                floods.get(i).start(channel);
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds)); // a benchmark's pacing, not test synchronisation
            long receivedBefore = stats.received.sum();
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(durationSeconds));
            long receivedAfter = stats.received.sum();
            double seconds = (System.nanoTime() - start) / 1e9;
            floods.forEach(FloodPublisher::stop);
            Drain.await(() -> stats.sent.sum() * subscribers, stats.received::sum);
            long lost = stats.sent.sum() * subscribers - stats.received.sum();
            channels.forEach(Channel::close);
            return new Result().put("scenario", fanIn ? "fan-in" : "fan-out").put("publishers", publishers)
                    .put("subscribers", subscribers).put("qos", qos).put("payload", payloadBytes)
                    .put("msgs_per_s", (receivedAfter - receivedBefore) / seconds)
                    .put("sent", stats.sent.sum()).put("received", stats.received.sum()).put("lost", lost)
                    .put("disconnects", stats.disconnects.sum());
        }
    }
}
