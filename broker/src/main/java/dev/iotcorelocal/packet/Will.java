package dev.iotcorelocal.packet;

import java.util.Objects;

/** The Will Message of a CONNECT, with its Will Delay Interval in seconds (0 when absent). */
public record Will(String topic, byte[] payload, int qos, boolean retain, long delayInterval,
                   PublishProperties properties) {
    public Will {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(properties, "properties");
    }
}
