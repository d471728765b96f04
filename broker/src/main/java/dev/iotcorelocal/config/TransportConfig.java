package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.iotcorelocal.config.ConfigException.require;

/** Socket buffering and threads. */
public record TransportConfig(@JsonProperty("write-buffer-high-water-mark") int writeBufferHighWaterMark,
                              @JsonProperty("write-buffer-low-water-mark") int writeBufferLowWaterMark,
                              @JsonProperty("io-threads") int ioThreads) {
    public TransportConfig {
        require(writeBufferLowWaterMark > 0 && writeBufferLowWaterMark <= writeBufferHighWaterMark,
                "transport.write-buffer-low-water-mark must be positive and at most the high water mark");
        require(ioThreads >= 0, "transport.io-threads must be 0 (automatic) or more, was " + ioThreads);
    }
}
