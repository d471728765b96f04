package dev.iotcorelocal.message;

/**
 * Who published a message over MQTT, beyond its client ID: the principal (certificate ID, "" on
 * the plain listener) and the client's IP address as text. Built once per connection.
 */
public record Origin(String principal, String sourceIp) {
}
