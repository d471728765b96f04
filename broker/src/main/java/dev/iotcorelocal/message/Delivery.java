package dev.iotcorelocal.message;

/**
 * A message queued for one session: the shared message, the QoS it is delivered at and the
 * RETAIN flag the subscriber sees. Packet id, DUP and remaining expiry are chosen at send time.
 */
public record Delivery(Message message, int qos, boolean retain) {
}
