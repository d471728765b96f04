package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpMethod;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * iot-data Publish over keep-alive HTTP/1.1 connections, every message delivered to one MQTT
 * subscriber of {@code bench/RUN/http/#}. Each payload starts with its send time, so the
 * subscriber measures delivery latency (request written to PUBLISH read); the connections measure
 * request-to-response latency. The run-ahead window bounds requests whose delivery has not
 * arrived, so that what is measured is delivery, not queue growth in the broker. Closed loop:
 * latencies are those at the throughput reached, set mostly by the pipelining depth.
 */
final class HttpPublishScenario {
    private HttpPublishScenario() {
    }

    record Settings(int connections, int depth, int qos, int payloadBytes, int warmupSeconds, int durationSeconds,
                    long window, int threads, long brokerPid) {
    }

    static Result run(Target mqtt, int apiPort, Settings settings) throws Exception {
        Stats deliveries = new Stats();
        HttpStats http = new HttpStats();
        RunAhead runAhead = new RunAhead(settings.window());
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        try (Connector connector = new Connector(mqtt, 1);
             HttpLoad load = new HttpLoad(mqtt.host(), apiPort, settings.threads())) {
            LoadClient subscriber = new LoadClient(deliveries, runAhead, mqtt.version());
            Channel subscription = connector.connect(subscriber, "http-sub-" + run, 600, null).get();
            subscription.writeAndFlush(Packets.subscribe(subscription.alloc(), mqtt.version(), 1,
                    "bench/" + run + "/http/#", settings.qos()));
            subscriber.subscribed.get(30, TimeUnit.SECONDS);
            int payloadBytes = Math.max(8, settings.payloadBytes());
            load.open(settings.connections(), settings.depth(), runAhead, http, connection -> (channel, sequence, now) -> {
                ByteBuf payload = channel.alloc().buffer(payloadBytes).writeLong(now).writeZero(payloadBytes - 8);
                return HttpLoad.request(channel, HttpMethod.POST, "/topics/bench%2F" + run + "%2Fhttp%2F" + connection
                        + "?qos=" + settings.qos(), "iotdata", payload);
            });
            deliveries.recordLatency = true;
            load.start();
            Thread.sleep(TimeUnit.SECONDS.toMillis(settings.warmupSeconds())); // a benchmark's pacing
            deliveries.latencyMicros.reset();
            http.latencyMicros.reset();
            BrokerProbe broker = new BrokerProbe(settings.brokerPid());
            long cpuBefore = broker.cpuNanos();
            long succeededBefore = http.succeeded.sum();
            long deliveredBefore = deliveries.received.sum();
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(settings.durationSeconds()));
            long succeeded = http.succeeded.sum() - succeededBefore;
            long delivered = deliveries.received.sum() - deliveredBefore;
            long cpu = broker.cpuNanos() - cpuBefore;
            double seconds = (System.nanoTime() - start) / 1e9;
            Histogram requestLatency = http.latencyMicros.getIntervalHistogram();
            Histogram deliveryLatency = deliveries.latencyMicros.getIntervalHistogram();
            load.stop();
            load.awaitAnswers();
            Drain.await(http.succeeded::sum, deliveries.received::sum);
            subscription.close();
            Result result = new Result().put("scenario", "http-publish").put("connections", settings.connections())
                    .put("depth", settings.depth()).put("qos", settings.qos()).put("payload", payloadBytes)
                    .put("requests_per_s", succeeded / seconds).put("deliveries_per_s", delivered / seconds)
                    .put("broker_cpu_us_per_request", cpuBefore < 0 || succeeded == 0 ? "n/a" : cpu / 1e3 / succeeded);
            HttpLoad.latency(result, "request_", requestLatency);
            HttpLoad.latency(result, "delivery_", deliveryLatency);
            return result.put("sent", http.sent.sum()).put("succeeded", http.succeeded.sum())
                    .put("failed", http.failed.sum()).put("last_failure_status", http.lastFailureStatus)
                    .put("delivered", deliveries.received.sum())
                    .put("lost", http.succeeded.sum() - deliveries.received.sum())
                    .put("closed", http.closed.sum());
        }
    }
}
