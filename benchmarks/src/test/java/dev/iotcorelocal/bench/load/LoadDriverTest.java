package dev.iotcorelocal.bench.load;

import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.config.ListenerConfig;
import dev.iotcorelocal.config.Profile;
import dev.iotcorelocal.config.TlsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Short, bounded runs of the driver against an embedded broker: its counting must be exact. */
class LoadDriverTest {
    private static Broker broker;

    @BeforeAll
    static void start() {
        broker = Broker.start(BrokerConfig.defaults().withProfile(Profile.RELAXED)
                .withListeners(new ListenerConfig("127.0.0.1", 0, 0, true))
                .withTls(new TlsConfig(Path.of("target", "test-certificates").toString(), List.of())));
    }

    @AfterAll
    static void stop() {
        broker.stop();
    }

    @Test
    void fanInQos1DeliversEverythingItCountsWithoutLossOrDisconnects() throws Exception {
        String result = ThroughputScenario.run(target(), 4, 1, 1, 64, 0, 1, 2_000, 1).toString();
        assertThat(value(result, "lost")).isZero();
        assertThat(value(result, "disconnects")).isZero();
        assertThat(value(result, "received")).isEqualTo(value(result, "sent")).isPositive();
    }

    @Test
    void fanOutCountsEveryCopy() throws Exception {
        String result = ThroughputScenario.run(target(), 1, 10, 0, 64, 0, 1, 2_000, 1).toString();
        assertThat(value(result, "lost")).isZero();
        assertThat(value(result, "received")).isEqualTo(value(result, "sent") * 10);
    }

    @Test
    void shadowScenarioGetsAnAcceptedAnswerWithItsRoundTripForUpdatesAcrossThings() throws Exception {
        String result = ShadowScenario.run(target(), 2, 50, 500, 0, 1, 1).toString();
        assertThat(value(result, "samples")).as(result).isBetween(250L, 750L);
        assertThat(value(result, "p50_us")).as("a real round trip, not a garbled token").isBetween(1L, 1_000_000L);
    }

    @Test
    void latencyScenarioRecordsSamplesAtTheRequestedRate() throws Exception {
        String result = LatencyScenario.run(target(), 2, 1, 64, 1_000, 0, 1, 1).toString();
        assertThat(value(result, "samples")).isBetween(500L, 1_500L);
    }

    @Test
    void soakRunsEveryHostileClientBesideNormalTraffic() throws Exception {
        String result = SoakScenario.run(target(), new SoakScenario.Settings(2, 200, 200, 64, 2, 100, 1, 3, 0, 1))
                .toString();
        assertThat(value(result, "normal_received")).isPositive();
        assertThat(value(result, "flood_sent")).isPositive();
        assertThat(value(result, "pings_sent")).isPositive();
        assertThat(value(result, "slowloris_bytes")).isPositive();
        assertThat(value(result, "takeovers")).isGreaterThanOrEqualTo(10);
        assertThat(result).containsPattern("verdict=\\S+").contains("live_heap_start_mb=n/a"); // no broker pid given
    }

    @Test
    void httpPublishDeliversEveryAcceptedRequestToTheSubscriber() throws Exception {
        String result = HttpPublishScenario.run(target(), broker.apiPort(),
                new HttpPublishScenario.Settings(2, 4, 1, 64, 0, 1, 1_000, 1, ProcessHandle.current().pid())).toString();
        assertThat(value(result, "failed")).as(result).isZero();
        assertThat(value(result, "succeeded")).as(result).isEqualTo(value(result, "sent")).isPositive();
        assertThat(value(result, "delivered")).as(result).isEqualTo(value(result, "succeeded"));
        assertThat(value(result, "lost")).isZero();
        assertThat(value(result, "requests_per_s")).isPositive();
        assertThat(value(result, "delivery_p50_us")).isPositive();
        assertThat(value(result, "closed")).isZero();
        assertThat(value(result, "broker_cpu_us_per_request")).isPositive(); // this JVM is the broker
    }

    @Test
    void controlPlaneCyclesEveryCallSuccessfully() throws Exception {
        // Describe and Delete answer 404 unless the Create before them on the connection took effect.
        String result = ControlPlaneScenario.run("127.0.0.1", broker.apiPort(), 2, 4, 0, 1, 1, 0).toString();
        assertThat(value(result, "failed")).as(result).isZero();
        assertThat(value(result, "succeeded")).as(result).isEqualTo(value(result, "sent")).isGreaterThan(8);
        assertThat(value(result, "calls_per_s")).isPositive();
        assertThat(result).contains("broker_cpu_us_per_call=n/a"); // no broker pid given
    }

    private static Target target() {
        return new Target("127.0.0.1", broker.mqttPort(), 5, null);
    }

    private static long value(String result, String key) {
        for (String pair : result.split(" ")) {
            if (pair.startsWith(key + "=")) {
                return (long) Double.parseDouble(pair.substring(key.length() + 1));
            }
        }
        throw new AssertionError(key + " missing in " + result);
    }
}
