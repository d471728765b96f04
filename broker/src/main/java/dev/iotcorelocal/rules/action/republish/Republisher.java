package dev.iotcorelocal.rules.action.republish;

import dev.iotcorelocal.packet.PublishProperties;

/**
 * Publishes a republished message the way the broker's own services do (limits, reserved topics,
 * expiry clamping, Basic Ingest), never retained and with no publisher client ID.
 */
@FunctionalInterface
public interface Republisher {
    /** @return null when the message was routed, else why the broker refused it (a limit, a reserved topic) */
    String publish(String topic, byte[] payload, int qos, PublishProperties properties);
}
