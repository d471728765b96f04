package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.iotcorelocal.config.ConfigException.require;

/** Socket buffering, threads, and the bounds on a connection that does not read. */
public record TransportConfig(@JsonProperty("write-buffer-high-water-mark") int writeBufferHighWaterMark,
                              @JsonProperty("write-buffer-low-water-mark") int writeBufferLowWaterMark,
                              @JsonProperty("outbound-buffer-limit") int outboundBufferLimit,
                              @JsonProperty("close-timeout-millis") int closeTimeoutMillis,
                              @JsonProperty("io-threads") int ioThreads) {
    public TransportConfig {
        require(writeBufferLowWaterMark > 0 && writeBufferLowWaterMark <= writeBufferHighWaterMark,
                "transport.write-buffer-low-water-mark must be positive and at most the high water mark");
        require(outboundBufferLimit >= writeBufferHighWaterMark,
                "transport.outbound-buffer-limit must be at least the write buffer high water mark, was "
                        + outboundBufferLimit);
        require(closeTimeoutMillis >= 1, "transport.close-timeout-millis must be at least 1, was " + closeTimeoutMillis);
        require(ioThreads >= 0, "transport.io-threads must be 0 (automatic) or more, was " + ioThreads);
    }

    public TransportConfig withIoThreads(int threads) {
        return new TransportConfig(writeBufferHighWaterMark, writeBufferLowWaterMark, outboundBufferLimit,
                closeTimeoutMillis, threads);
    }
}
