package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.iotcorelocal.config.ConfigException.require;

/** Where the broker listens. Port 0 means any free port. */
public record ListenerConfig(@JsonProperty("bind") String bind,
                             @JsonProperty("mqtts-port") int mqttsPort,
                             @JsonProperty("mqtt-port") int mqttPort,
                             @JsonProperty("mqtt-enabled") boolean mqttEnabled) {
    public ListenerConfig {
        require(bind != null && !bind.isBlank(), "listeners.bind must be an address");
        require(mqttsPort >= 0 && mqttsPort <= 65_535, "listeners.mqtts-port must be 0..65535, was " + mqttsPort);
        require(mqttPort >= 0 && mqttPort <= 65_535, "listeners.mqtt-port must be 0..65535, was " + mqttPort);
    }

    public ListenerConfig withPorts(int newMqttsPort, int newMqttPort) {
        return new ListenerConfig(bind, newMqttsPort, newMqttPort, mqttEnabled);
    }
}
