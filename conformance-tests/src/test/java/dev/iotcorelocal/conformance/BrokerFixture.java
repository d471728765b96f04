package dev.iotcorelocal.conformance;

import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.config.ListenerConfig;
import dev.iotcorelocal.config.TlsConfig;
import dev.iotcorelocal.session.ManualTime;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * An embedded broker on free loopback ports with its own dev PKI, as a user would start one in
 * a JUnit test: either one per test class ({@code @RegisterExtension static final BrokerFixture
 * broker = BrokerFixture.perClass();}) or started by hand with {@link #start}. The certificates
 * folder is shared by all test classes: generating RSA keys is the slowest part of starting.
 */
final class BrokerFixture implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private static final Path CERTIFICATES = sharedCertificates();

    private final UnaryOperator<BrokerConfig> customizer;
    private final ManualTime time;
    private Broker broker;

    private BrokerFixture(UnaryOperator<BrokerConfig> customizer, ManualTime time) {
        this.customizer = customizer;
        this.time = time;
    }

    /** A broker started before the test class's first test and stopped after its last. */
    static BrokerFixture perClass() {
        return new BrokerFixture(UnaryOperator.identity(), null);
    }

    /** A per-class broker whose clock and expiry timers move only through {@link #time()}. */
    static BrokerFixture perClassWithManualTime(UnaryOperator<BrokerConfig> customizer) {
        return new BrokerFixture(customizer, new ManualTime(Instant.parse("2026-01-01T00:00:00Z")));
    }

    static BrokerFixture start() {
        return start(UnaryOperator.identity());
    }

    static BrokerFixture start(UnaryOperator<BrokerConfig> customizer) {
        BrokerFixture fixture = new BrokerFixture(customizer, null);
        fixture.startBroker();
        return fixture;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startBroker();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void startBroker() {
        BrokerConfig config = BrokerConfig.defaults()
                .withListeners(new ListenerConfig("127.0.0.1", 0, 0, true))
                .withTls(new TlsConfig(CERTIFICATES.toString(), java.util.List.of()));
        BrokerConfig effective = customizer.apply(config);
        broker = time == null ? Broker.start(effective) : Broker.start(effective, time.clock(), time);
    }

    ManualTime time() {
        if (time == null) {
            throw new IllegalStateException("this fixture runs on real time");
        }
        return time;
    }

    int mqttsPort() {
        return broker.mqttsPort();
    }

    int mqttPort() {
        return broker.mqttPort();
    }

    Path certificates() {
        return broker.certificatesDir();
    }

    Path ca() {
        return certificates().resolve("AmazonRootCA1.pem");
    }

    Path clientCert() {
        return certificates().resolve("client-cert.pem");
    }

    Path clientKey() {
        return certificates().resolve("private-key.pem");
    }

    Broker broker() {
        return broker;
    }

    @Override
    public void close() {
        broker.stop();
    }

    private static Path sharedCertificates() {
        try {
            Path dir = Path.of("target", "test-certificates").toAbsolutePath();
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
