package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * AWS IoT's event messages. {@code lifecycle}: the presence and subscription events on
 * {@code $aws/events/...}, which AWS publishes always ("can't be disabled"); off only for
 * embedders and benchmarks that want no event traffic.
 */
public record EventsConfig(@JsonProperty("lifecycle") boolean lifecycle) {
}
