package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.iotcorelocal.config.ConfigException.require;

/** Session lifetime and queue bounds. */
public record SessionConfig(@JsonProperty("maximum-session-expiry") long maximumSessionExpiry,
                            @JsonProperty("mqtt311-session-expiry") long mqtt311SessionExpiry,
                            @JsonProperty("queue-capacity") int queueCapacity,
                            @JsonProperty("resume-replay-rate") int resumeReplayRate) {
    public SessionConfig {
        require(mqtt311SessionExpiry >= 0 && mqtt311SessionExpiry <= 604_800,
                "sessions.mqtt311-session-expiry must be 0..604800 seconds, was " + mqtt311SessionExpiry);
        require(resumeReplayRate >= 0, "sessions.resume-replay-rate must be 0 (unpaced) or more, was " + resumeReplayRate);
        require(maximumSessionExpiry >= 0 && maximumSessionExpiry <= 604_800,
                "sessions.maximum-session-expiry must be 0..604800 seconds, was " + maximumSessionExpiry);
        require(queueCapacity >= 4, "sessions.queue-capacity must be at least 4, was " + queueCapacity);
    }
}
