package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.iotcorelocal.config.ConfigException.require;

/**
 * Broker-wide memory bounds, so no set of clients can grow the heap without limit: retained
 * messages (AWS has an account-wide count limit; its value is not published) and the messages
 * queued for disconnected sessions. 0 turns a bound off.
 */
public record MemoryConfig(@JsonProperty("retained-max-messages") int retainedMaxMessages,
                           @JsonProperty("retained-max-bytes") long retainedMaxBytes,
                           @JsonProperty("offline-queue-max-bytes") long offlineQueueMaxBytes) {
    public MemoryConfig {
        require(retainedMaxMessages >= 0, "memory.retained-max-messages must be 0 (off) or more, was " + retainedMaxMessages);
        require(retainedMaxBytes >= 0, "memory.retained-max-bytes must be 0 (off) or more, was " + retainedMaxBytes);
        require(offlineQueueMaxBytes >= 0,
                "memory.offline-queue-max-bytes must be 0 (off) or more, was " + offlineQueueMaxBytes);
    }
}
