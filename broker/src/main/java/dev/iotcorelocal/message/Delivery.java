package dev.iotcorelocal.message;

/**
 * A message queued for one session: the shared message, the QoS it is delivered at and the
 * RETAIN flag the subscriber sees. Packet id, DUP and remaining expiry are chosen at send time.
 * {@code shareKey} is the {@code $share/<group>/<filter>} it was chosen through, or null: a
 * member that leaves the group hands such deliveries on to another member (MQTT 5 §4.8.2).
 *
 * <p>Immutable. A class rather than a record only to store the QoS in a byte: with the share key
 * added, that keeps the object at 24 bytes (one is allocated per routed message), not 32.
 */
public final class Delivery {
    private final Message message;
    private final byte qos;
    private final boolean retain;
    private final String shareKey;

    public Delivery(Message message, int qos, boolean retain, String shareKey) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS " + qos);
        }
        this.message = java.util.Objects.requireNonNull(message, "message");
        this.qos = (byte) qos;
        this.retain = retain;
        this.shareKey = shareKey;
    }

    public Delivery(Message message, int qos, boolean retain) {
        this(message, qos, retain, null);
    }

    public Message message() {
        return message;
    }

    public int qos() {
        return qos;
    }

    public boolean retain() {
        return retain;
    }

    public String shareKey() {
        return shareKey;
    }

    public boolean isShared() {
        return shareKey != null;
    }

    @Override
    public String toString() {
        return "Delivery[" + message.topic() + ", qos " + qos + (retain ? ", retain" : "")
                + (shareKey == null ? "" : ", " + shareKey) + "]";
    }
}
