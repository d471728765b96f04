package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Messages per second through one topic rule: P publishers flood {@code bench/<run>/in/<p>} with
 * a JSON payload its WHERE accepts, the rule ({@code SELECT * ... WHERE temp > 50}, created with
 * CreateTopicRule over the HTTP API) republishes each to {@code bench/<run>/out/<p>}, and one
 * subscriber counts what arrives there. The run-ahead window bounds messages in the rules queues.
 * Run the broker with {@code --profile relaxed}.
 */
final class RulesScenario {
    private RulesScenario() {
    }

    static Result run(Target target, int apiPort, int publishers, int qos, int payloadBytes, int warmupSeconds,
                      int durationSeconds, long window, int threads) throws Exception {
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        createRule(target.host(), apiPort, "bench_" + run, "SELECT * FROM 'bench/" + run + "/in/+' WHERE temp > 50",
                "bench/" + run + "/out/${topic(4)}", qos);
        Stats stats = new Stats();
        RunAhead runAhead = new RunAhead(window);
        try (Connector connector = new Connector(target, threads)) {
            List<Channel> channels = new ArrayList<>();
            LoadClient subscriber = new LoadClient(stats, runAhead, target.version());
            Channel subChannel = connector.connect(subscriber, "rules-sub-" + run, 600, null).get();
            subChannel.writeAndFlush(Packets.subscribe(subChannel.alloc(), target.version(), 1,
                    "bench/" + run + "/out/#", qos));
            subscriber.subscribed.get(30, TimeUnit.SECONDS);
            channels.add(subChannel);
            byte[] payload = payload(payloadBytes);
            List<FloodPublisher> floods = new ArrayList<>();
            List<CompletableFuture<Channel>> started = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                LoadClient client = new LoadClient(stats, null, target.version());
                ByteBuf template = Packets.template(target.version(), "bench/" + run + "/in/" + p, qos, payload);
                FloodPublisher flood = new FloodPublisher(template, qos, 1, 100, runAhead, stats);
                client.publishing(flood);
                floods.add(flood);
                started.add(connector.connect(client, "rules-pub-" + run + "-" + p, 600, null));
            }
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
            Drain.await(() -> stats.sent.sum(), stats.received::sum);
            long lost = stats.sent.sum() - stats.received.sum();
            channels.forEach(Channel::close);
            return new Result().put("scenario", "rules").put("publishers", publishers).put("qos", qos)
                    .put("payload", payload.length).put("msgs_per_s", (receivedAfter - receivedBefore) / seconds)
                    .put("sent", stats.sent.sum()).put("received", stats.received.sum()).put("lost", lost)
                    .put("disconnects", stats.disconnects.sum());
        }
    }

    /** {"temp":60,"pad":"xxx..."} padded to about the requested size. */
    private static byte[] payload(int bytes) {
        String head = "{\"temp\":60,\"pad\":\"";
        int pad = Math.max(0, bytes - head.length() - 2);
        return (head + "x".repeat(pad) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void createRule(String host, int apiPort, String name, String sql, String topic, int qos)
            throws Exception {
        String body = "{\"sql\":\"" + sql + "\",\"awsIotSqlVersion\":\"2016-03-23\",\"actions\":[{\"republish\":"
                + "{\"topic\":\"" + topic + "\",\"qos\":" + qos + ",\"roleArn\":\"arn:aws:iam::123456789012:role/r\"}}]}";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + apiPort
                        + "/rules/" + name)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("CreateTopicRule answered " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
