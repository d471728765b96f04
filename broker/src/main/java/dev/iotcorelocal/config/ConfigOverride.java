package dev.iotcorelocal.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One configuration value set from outside the file, such as a command-line option.
 *
 * @param key    the file's key path, e.g. {@code listeners.mqtts-port}
 * @param value  the value, of the kind the key takes
 * @param origin what set it, as --print-config shows it, e.g. {@code option --mqtts-port}
 */
public record ConfigOverride(String key, JsonNode value, String origin) {
}
