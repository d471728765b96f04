package dev.iotcorelocal.app;

import dev.iotcorelocal.api.ApiServer;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.session.ExpiryScheduler;
import dev.iotcorelocal.session.Session;
import dev.iotcorelocal.session.SessionRegistry;
import dev.iotcorelocal.transport.MqttServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;

/**
 * A running broker, for the command line, tests and benchmarks:
 * <pre>{@code
 * try (Broker broker = Broker.start(config)) {
 *     int port = broker.mqttsPort();
 * }
 * }</pre>
 * Stopping sends DISCONNECT 0x8B (Server shutting down) to every client first.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    private final MqttServer server;
    private final ApiServer api;
    private final SessionRegistry sessions;
    private final AutoCloseable scheduler;
    private final int mqttsPort;
    private final int mqttPort;
    private final int apiPort;
    private final Path certificatesDir;
    private boolean stopped;

    /** @param api null when the HTTP API is disabled */
    Broker(MqttServer server, ApiServer api, SessionRegistry sessions, AutoCloseable scheduler, int mqttsPort,
           int mqttPort, int apiPort, Path certificatesDir) {
        this.server = server;
        this.api = api;
        this.apiPort = apiPort;
        this.sessions = sessions;
        this.scheduler = scheduler;
        this.mqttsPort = mqttsPort;
        this.mqttPort = mqttPort;
        this.certificatesDir = certificatesDir;
    }

    /** Starts a broker; generates missing dev PKI files first. Fails with a clear message on bad config or busy ports. */
    public static Broker start(BrokerConfig config) {
        return BrokerAssembly.start(config, Clock.systemUTC(), null);
    }

    /** As {@link #start(BrokerConfig)}, with the clock that message expiry is measured with. */
    public static Broker start(BrokerConfig config, Clock clock) {
        return BrokerAssembly.start(config, clock, null);
    }

    /**
     * As {@link #start(BrokerConfig)}, with the clock message expiry is measured with and the
     * scheduler that runs session expiry and delayed Wills: tests pass a manual pair to move time
     * forward without waiting. The caller owns the scheduler.
     */
    public static Broker start(BrokerConfig config, Clock clock, ExpiryScheduler scheduler) {
        return BrokerAssembly.start(config, clock, scheduler);
    }

    /** The mutual-TLS port actually bound. */
    public int mqttsPort() {
        return mqttsPort;
    }

    /** The plain MQTT port actually bound, or -1 when the plain listener is disabled. */
    public int mqttPort() {
        return mqttPort;
    }

    /** The HTTP API port actually bound (plain HTTP and TLS), or -1 when the API is disabled. */
    public int apiPort() {
        return apiPort;
    }

    public Path certificatesDir() {
        return certificatesDir;
    }

    public int connectionCount() {
        return server.connectionCount();
    }

    /** Whether a connection currently holds this client's session (false once its disconnect is processed). */
    public boolean isOnline(String clientId) {
        Session session = sessions.get(clientId);
        return session != null && session.isOnline();
    }

    /** Whether the broker keeps a session for this client ID, online or not. */
    public boolean hasSession(String clientId) {
        return sessions.get(clientId) != null;
    }

    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("Shutting down: disconnecting {} clients with 0x8B Server shutting down", server.connectionCount());
        if (api != null) {
            api.close(); // first: no HTTP publish may arrive while the MQTT side shuts down
        }
        server.close();
        try {
            scheduler.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the expiry scheduler failed", e);
        }
        LOG.info("Stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
