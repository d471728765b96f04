package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/** The whole broker configuration; immutable, validated on construction. */
public record BrokerConfig(@JsonProperty("profile") Profile profile,
                           @JsonProperty("listeners") ListenerConfig listeners,
                           @JsonProperty("tls") TlsConfig tls,
                           @JsonProperty("mqtt") MqttConfig mqtt,
                           @JsonProperty("sessions") SessionConfig sessions,
                           @JsonProperty("transport") TransportConfig transport,
                           @JsonProperty("limits") LimitsConfig limits,
                           @JsonProperty("memory") MemoryConfig memory,
                           @JsonProperty("aws") AwsConfig aws,
                           @JsonProperty("auth") AuthConfig auth,
                           @JsonProperty("events") EventsConfig events,
                           @JsonProperty("rules") RulesConfig rules) {
    public BrokerConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(rules, "rules");
    }

    /** The built-in defaults: the values documented in config/iotcore-local.yaml. */
    public static BrokerConfig defaults() {
        return ConfigLoader.defaults();
    }

    public BrokerConfig withListeners(ListenerConfig value) {
        return new BrokerConfig(profile, value, tls, mqtt, sessions, transport, limits, memory, aws, auth, events, rules);
    }

    public BrokerConfig withTls(TlsConfig value) {
        return new BrokerConfig(profile, listeners, value, mqtt, sessions, transport, limits, memory, aws, auth, events, rules);
    }

    public BrokerConfig withMqtt(MqttConfig value) {
        return new BrokerConfig(profile, listeners, tls, value, sessions, transport, limits, memory, aws, auth, events, rules);
    }

    public BrokerConfig withSessions(SessionConfig value) {
        return new BrokerConfig(profile, listeners, tls, mqtt, value, transport, limits, memory, aws, auth, events, rules);
    }

    public BrokerConfig withTransport(TransportConfig value) {
        return new BrokerConfig(profile, listeners, tls, mqtt, sessions, value, limits, memory, aws, auth, events, rules);
    }

    /** The profile and its preset limits (replacing any per-key overrides). */
    public BrokerConfig withProfile(Profile value) {
        return new BrokerConfig(value, listeners, tls, mqtt, sessions, transport, value.limits(), memory, aws, auth, events, rules);
    }

    public BrokerConfig withLimits(LimitsConfig value) {
        return new BrokerConfig(profile, listeners, tls, mqtt, sessions, transport, value, memory, aws, auth, events, rules);
    }

    public BrokerConfig withMemory(MemoryConfig value) {
        return new BrokerConfig(profile, listeners, tls, mqtt, sessions, transport, limits, value, aws, auth, events, rules);
    }

    public BrokerConfig withAuth(AuthConfig value) {
        return new BrokerConfig(profile, listeners, tls, mqtt, sessions, transport, limits, memory, aws, value, events, rules);
    }

    public BrokerConfig withEvents(EventsConfig value) {
        return new BrokerConfig(profile, listeners, tls, mqtt, sessions, transport, limits, memory, aws, auth, value, rules);
    }

    public BrokerConfig withRules(RulesConfig value) {
        return new BrokerConfig(profile, listeners, tls, mqtt, sessions, transport, limits, memory, aws, auth, events,
                value);
    }

    public BrokerConfig withAws(AwsConfig value) {
        return new BrokerConfig(profile, listeners, tls, mqtt, sessions, transport, limits, memory, value, auth, events, rules);
    }
}
