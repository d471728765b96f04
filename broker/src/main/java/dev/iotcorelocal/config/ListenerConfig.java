package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.iotcorelocal.config.ConfigException.require;

/** Where the broker listens: "localhost" is 127.0.0.1 and ::1. Port 0 means any free port. */
public record ListenerConfig(@JsonProperty("bind") String bind,
                             @JsonProperty("mqtts-port") int mqttsPort,
                             @JsonProperty("mqtt-port") int mqttPort,
                             @JsonProperty("mqtt-enabled") boolean mqttEnabled,
                             @JsonProperty("api-port") int apiPort,
                             @JsonProperty("api-enabled") boolean apiEnabled) {
    /** The default bind: loopback on both 127.0.0.1 and ::1. */
    public static final String LOOPBACK = "localhost";

    public ListenerConfig {
        require(bind != null && !bind.isBlank(), "listeners.bind must be an address");
        require(mqttsPort >= 0 && mqttsPort <= 65_535, "listeners.mqtts-port must be 0..65535, was " + mqttsPort);
        require(mqttPort >= 0 && mqttPort <= 65_535, "listeners.mqtt-port must be 0..65535, was " + mqttPort);
        require(apiPort >= 0 && apiPort <= 65_535, "listeners.api-port must be 0..65535, was " + apiPort);
    }

    /** The MQTT listeners as given, the HTTP API on any free port: what tests and embedders that predate the API want. */
    public ListenerConfig(String bind, int mqttsPort, int mqttPort, boolean mqttEnabled) {
        this(bind, mqttsPort, mqttPort, mqttEnabled, 0, true);
    }

    /**
     * The host a local client connects to: wildcard binds listen on loopback too, and
     * "localhost" (the default) listens on both 127.0.0.1 and ::1. IPv4-only 0.0.0.0 gives
     * 127.0.0.1, since localhost may resolve to ::1 first.
     */
    public String connectHost() {
        return switch (bind) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "0:0:0:0:0:0:0:0" -> "localhost";
            default -> bind;
        };
    }

    public ListenerConfig withPorts(int newMqttsPort, int newMqttPort) {
        return new ListenerConfig(bind, newMqttsPort, newMqttPort, mqttEnabled, apiPort, apiEnabled);
    }

    public ListenerConfig withApi(int newApiPort, boolean enabled) {
        return new ListenerConfig(bind, mqttsPort, mqttPort, mqttEnabled, newApiPort, enabled);
    }
}
