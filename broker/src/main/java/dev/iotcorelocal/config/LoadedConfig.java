package dev.iotcorelocal.config;

import java.util.Map;

/**
 * A configuration and where each of its values came from: {@code default}, {@code profile aws},
 * {@code FILE:LINE} or an option's name, keyed by key path ({@code listeners.mqtts-port}).
 */
public record LoadedConfig(BrokerConfig config, Map<String, String> origins) {
    public LoadedConfig {
        origins = Map.copyOf(origins);
    }

    public String originOf(String key) {
        return origins.getOrDefault(key, "default");
    }
}
