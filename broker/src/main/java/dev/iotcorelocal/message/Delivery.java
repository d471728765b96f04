package dev.iotcorelocal.message;

/**
 * A message queued for one session: the shared message, the QoS it is delivered at and the
 * RETAIN flag the subscriber sees. Packet id, DUP and remaining expiry are chosen at send time.
 * {@code shareKey} is the {@code $share/<group>/<filter>} it was chosen through, or null: a
 * member that leaves the group hands such deliveries on to another member (MQTT 5 §4.8.2).
 */
public record Delivery(Message message, int qos, boolean retain, String shareKey) {
    public Delivery(Message message, int qos, boolean retain) {
        this(message, qos, retain, null);
    }

    public boolean isShared() {
        return shareKey != null;
    }
}
