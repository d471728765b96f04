package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.iotcorelocal.config.ConfigException.require;

/** Session lifetime and queue bounds. */
public record SessionConfig(@JsonProperty("maximum-session-expiry") long maximumSessionExpiry,
                            @JsonProperty("queue-capacity") int queueCapacity) {
    public SessionConfig {
        require(maximumSessionExpiry >= 0 && maximumSessionExpiry <= 604_800,
                "sessions.maximum-session-expiry must be 0..604800 seconds, was " + maximumSessionExpiry);
        require(queueCapacity >= 4, "sessions.queue-capacity must be at least 4, was " + queueCapacity);
    }
}
