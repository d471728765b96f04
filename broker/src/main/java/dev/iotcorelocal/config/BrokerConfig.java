package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/** The whole broker configuration; immutable, validated on construction. */
public record BrokerConfig(@JsonProperty("listeners") ListenerConfig listeners,
                           @JsonProperty("tls") TlsConfig tls,
                           @JsonProperty("mqtt") MqttConfig mqtt,
                           @JsonProperty("sessions") SessionConfig sessions,
                           @JsonProperty("transport") TransportConfig transport) {
    public BrokerConfig {
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(transport, "transport");
    }

    /** The built-in defaults: the values documented in config/iotcore-local.yaml. */
    public static BrokerConfig defaults() {
        return ConfigLoader.defaults();
    }

    public BrokerConfig withListeners(ListenerConfig value) {
        return new BrokerConfig(value, tls, mqtt, sessions, transport);
    }

    public BrokerConfig withTls(TlsConfig value) {
        return new BrokerConfig(listeners, value, mqtt, sessions, transport);
    }

    public BrokerConfig withMqtt(MqttConfig value) {
        return new BrokerConfig(listeners, tls, value, sessions, transport);
    }

    public BrokerConfig withSessions(SessionConfig value) {
        return new BrokerConfig(listeners, tls, mqtt, value, transport);
    }
}
