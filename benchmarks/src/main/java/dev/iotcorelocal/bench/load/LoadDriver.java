package dev.iotcorelocal.bench.load;

import io.netty.handler.ssl.SslContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.concurrent.Callable;

/**
 * A load driver for any MQTT 5 or 3.1.1 broker on this machine, and for iotcore-local's HTTP API. Every loop is bounded in count
 * and time. Prints one {@code RESULT key=value ...} line.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.iotcorelocal.bench.load.LoadDriver \
 *      --port 1883 --scenario fan-in --publishers 8 --qos 0
 * java -cp benchmarks/target/benchmarks.jar dev.iotcorelocal.bench.load.LoadDriver \
 *      --port 1883 --api-port 8443 --scenario http-publish --http-connections 8 --pipeline 16
 *      --port 1883 --api-port 8443 --scenario rules --publishers 4
 * </pre>
 */
@Command(name = "load-driver", mixinStandardHelpOptions = true,
        description = "MQTT and HTTP API load driver: fan-in, fan-out, latency, idle connections, TLS handshakes, "
                + "overload, soak, HTTP publish, control plane.")
public final class LoadDriver implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Broker host (loopback only).")
    String host;
    @Option(names = "--port", defaultValue = "1883")
    int port;
    @Option(names = "--mqtt-version", defaultValue = "5", description = "5 or 4 (3.1.1).")
    int version;
    @Option(names = "--tls", description = "Mutual TLS with the dev PKI in --certificates.")
    boolean tls;
    @Option(names = "--certificates", defaultValue = "certificates")
    File certificates;
    @Option(names = "--scenario", required = true, description = "fan-in, fan-out, latency, idle, tls-handshake, overload, soak, shadow, http-publish, control-plane, rules")
    String scenario;
    @Option(names = "--publishers", defaultValue = "8")
    int publishers;
    @Option(names = "--subscribers", defaultValue = "100", description = "Subscribers for fan-out.")
    int subscribers;
    @Option(names = "--qos", defaultValue = "0")
    int qos;
    @Option(names = "--payload", defaultValue = "64", description = "Payload bytes.")
    int payload;
    @Option(names = "--warmup", defaultValue = "3", description = "Seconds before measuring.")
    int warmup;
    @Option(names = "--duration", description = "Seconds measured: default 10 (soak: 180); at most 600 (soak: 3600).")
    Integer duration;
    @Option(names = "--window", defaultValue = "5000", description = "Run-ahead: messages sent x fan-out not yet received.")
    long window;
    @Option(names = "--rate", defaultValue = "10000", description = "Total messages/s for the latency scenario.")
    double rate;
    @Option(names = "--things", defaultValue = "1000", description = "Things the shadow scenario spreads updates over.")
    int things;
    @Option(names = "--connections", defaultValue = "10000", description = "Connections for the idle scenario.")
    int connections;
    @Option(names = "--concurrency", defaultValue = "200", description = "Connects in flight (idle, tls-handshake).")
    int concurrency;
    @Option(names = "--hold", defaultValue = "5", description = "Seconds to hold idle connections.")
    int hold;
    @Option(names = "--broker-pid", defaultValue = "0", description = "Broker process, for RSS, heap and CPU readings.")
    long brokerPid;
    @Option(names = "--threads", defaultValue = "2", description = "Driver event loop threads.")
    int threads;
    @Option(names = "--soak-normal-rate", defaultValue = "1000", description = "Soak: normal QoS 1 messages/s in total.")
    double soakNormalRate;
    @Option(names = "--soak-flood-rate", defaultValue = "2000", description = "Soak: QoS 0 messages/s to the non-reader.")
    double soakFloodRate;
    @Option(names = "--soak-slowloris", defaultValue = "20", description = "Soak: slowloris connections.")
    int soakSlowloris;
    @Option(names = "--soak-takeover-ms", defaultValue = "50", description = "Soak: ms between takeovers of one client ID.")
    int soakTakeoverMillis;

    @Option(names = "--api-port", defaultValue = "8443", description = "HTTP API port (http-publish, control-plane).")
    int apiPort;
    @Option(names = "--http-connections", defaultValue = "8", description = "Keep-alive HTTP connections.")
    int httpConnections;
    @Option(names = "--pipeline", defaultValue = "16", description = "HTTP requests in flight per connection.")
    int pipeline;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadDriver()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!host.startsWith("127.") && !host.equals("localhost") && !host.equals("::1")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "load is only sent to loopback addresses");
        }
        boolean soak = scenario.equals("soak");
        int duration = Math.min(this.duration != null ? this.duration : soak ? 180 : 10, soak ? 3600 : 600);
        SslContext ssl = tls ? Target.mutualTls(certificates) : null;
        Target target = new Target(host, port, version, ssl);
        Result result = switch (scenario) {
            case "fan-in" -> ThroughputScenario.run(target, publishers, 1, qos, payload, warmup, duration, window, threads);
            case "fan-out" -> ThroughputScenario.run(target, 1, subscribers, qos, payload, warmup, duration, window, threads);
            case "latency" -> LatencyScenario.run(target, publishers, qos, payload, rate, warmup, duration, threads);
            case "idle" -> IdleConnectionsScenario.run(target, connections, concurrency, hold, brokerPid, threads);
            case "tls-handshake" -> HandshakeScenario.run(target, concurrency, duration, threads);
            case "overload" -> OverloadScenario.run(target, publishers, payload, duration, brokerPid, threads);
            case "shadow" -> ShadowScenario.run(target, publishers, things, rate, warmup, duration, threads);
            case "soak" -> SoakScenario.run(target, new SoakScenario.Settings(publishers, soakNormalRate,
                    soakFloodRate, payload, soakSlowloris, soakTakeoverMillis, warmup, duration, brokerPid, threads));
            case "http-publish" -> HttpPublishScenario.run(target, apiPort, new HttpPublishScenario.Settings(
                    httpConnections, pipeline, qos, payload, warmup, duration, window, threads, brokerPid));
            case "rules" -> RulesScenario.run(target, apiPort, publishers, qos, payload, warmup, duration, window,
                    threads);
            case "control-plane" -> ControlPlaneScenario.run(host, apiPort, httpConnections, pipeline, warmup, duration,
                    threads, brokerPid);
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown scenario " + scenario);
        };
        System.out.println(result);
        return soak && SoakScenario.flagged(result) ? 3 : 0; // a flagged soak fails scripts that run it
    }
}
