package dev.iotcorelocal.bench.load;

import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.List;
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
            byte[] payload = new byte[payloadBytes];
            FloodRun floods = FloodRun.start(connector, target, stats, runAhead, publishers,
                    p -> fanIn ? "bench/" + run + "/in/" + p : "bench/" + run + "/out", payload, qos, subscribers,
                    "pub-" + run + "-", channels);
            double perSecond = floods.measure(stats, warmupSeconds, durationSeconds, subscribers);
            long lost = stats.sent.sum() * subscribers - stats.received.sum();
            channels.forEach(Channel::close);
            return new Result().put("scenario", fanIn ? "fan-in" : "fan-out").put("publishers", publishers)
                    .put("subscribers", subscribers).put("qos", qos).put("payload", payloadBytes)
                    .put("msgs_per_s", perSecond)
                    .put("sent", stats.sent.sum()).put("received", stats.received.sum()).put("lost", lost)
                    .put("disconnects", stats.disconnects.sum());
        }
    }
}
