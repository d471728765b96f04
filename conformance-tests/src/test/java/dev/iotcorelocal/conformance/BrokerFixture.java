package dev.iotcorelocal.conformance;

import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.config.ListenerConfig;
import dev.iotcorelocal.config.TlsConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * An embedded broker on free loopback ports with its own dev PKI, as a user would start one in
 * a JUnit test. The certificates folder is shared by all test classes: generating RSA keys is
 * the slowest part of starting.
 */
final class BrokerFixture implements AutoCloseable {
    private static final Path CERTIFICATES = sharedCertificates();

    private final Broker broker;

    private BrokerFixture(Broker broker) {
        this.broker = broker;
    }

    static BrokerFixture start() {
        return start(UnaryOperator.identity());
    }

    static BrokerFixture start(UnaryOperator<BrokerConfig> customizer) {
        BrokerConfig config = BrokerConfig.defaults()
                .withListeners(new ListenerConfig("127.0.0.1", 0, 0, true))
                .withTls(new TlsConfig(CERTIFICATES.toString(), java.util.List.of()));
        return new BrokerFixture(Broker.start(customizer.apply(config)));
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
