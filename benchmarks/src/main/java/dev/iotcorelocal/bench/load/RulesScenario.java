package dev.iotcorelocal.bench.load;

import io.netty.channel.Channel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
            FloodRun floods = FloodRun.start(connector, target, stats, runAhead, publishers,
                    p -> "bench/" + run + "/in/" + p, payload, qos, 1, "rules-pub-" + run + "-", channels);
            double perSecond = floods.measure(stats, warmupSeconds, durationSeconds, 1);
            long lost = stats.sent.sum() - stats.received.sum();
            channels.forEach(Channel::close);
            return new Result().put("scenario", "rules").put("publishers", publishers).put("qos", qos)
                    .put("payload", payload.length).put("msgs_per_s", perSecond)
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
