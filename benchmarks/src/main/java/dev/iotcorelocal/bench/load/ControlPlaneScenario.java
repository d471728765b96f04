package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * The registry's calls over keep-alive HTTP/1.1: each connection cycles CreateThing (with an
 * attribute), DescribeThing, ListThings (one page of 10) and DeleteThing on things of its own, so
 * the registry stays small however long the run. Counts calls answered 2xx per second; any other
 * answer is a failure the result shows.
 */
final class ControlPlaneScenario {
    private static final int OPERATIONS = 4;
    private static final String CREATE_BODY = "{\"attributePayload\":{\"attributes\":{\"run\":\"load\"}}}";

    private ControlPlaneScenario() {
    }

    static Result run(String host, int apiPort, int connections, int depth, int warmupSeconds, int durationSeconds,
                      int threads, long brokerPid) throws Exception {
        HttpStats http = new HttpStats();
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        try (HttpLoad load = new HttpLoad(host, apiPort, threads)) {
            load.open(connections, depth, null, http, connection -> (channel, sequence, now) ->
                    call(channel, "bench-" + run + "-" + connection + "-" + sequence / OPERATIONS,
                            (int) (sequence % OPERATIONS)));
            load.start();
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds)); // a benchmark's pacing
            http.latencyMicros.reset();
            BrokerProbe broker = new BrokerProbe(brokerPid);
            long cpuBefore = broker.cpuNanos();
            long succeededBefore = http.succeeded.sum();
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(durationSeconds));
            long succeeded = http.succeeded.sum() - succeededBefore;
            long cpu = broker.cpuNanos() - cpuBefore;
            double seconds = (System.nanoTime() - start) / 1e9;
            Histogram latency = http.latencyMicros.getIntervalHistogram();
            load.stop();
            load.awaitAnswers();
            Result result = new Result().put("scenario", "control-plane").put("connections", connections)
                    .put("depth", depth).put("calls_per_s", succeeded / seconds)
                    .put("broker_cpu_us_per_call", cpuBefore < 0 || succeeded == 0 ? "n/a" : cpu / 1e3 / succeeded);
            HttpLoad.latency(result, "", latency);
            return result.put("sent", http.sent.sum()).put("succeeded", http.succeeded.sum())
                    .put("failed", http.failed.sum()).put("last_failure_status", http.lastFailureStatus)
                    .put("closed", http.closed.sum());
        }
    }

    private static FullHttpRequest call(Channel channel, String thing, int operation) {
        return switch (operation) {
            case 0 -> {
                FullHttpRequest create = HttpLoad.request(channel, HttpMethod.POST, "/things/" + thing, "iot",
                        ByteBufUtil.writeAscii(channel.alloc(), CREATE_BODY));
                create.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                yield create;
            }
            case 1 -> HttpLoad.request(channel, HttpMethod.GET, "/things/" + thing, "iot", null);
            case 2 -> HttpLoad.request(channel, HttpMethod.GET, "/things?maxResults=10", "iot", null);
            default -> HttpLoad.request(channel, HttpMethod.DELETE, "/things/" + thing, "iot", null);
        };
    }
}
