package dev.iotcorelocal.packet;

import java.util.Objects;

/** One MQTT 5 user property; a packet keeps them as an ordered list because names may repeat. */
public record UserProperty(String name, String value) {
    public UserProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
