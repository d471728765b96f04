package dev.iotcorelocal.protocol;

import java.nio.charset.StandardCharsets;

/** One packet the broker wrote, copied out of its buffer: type, flags and the fields tests look at. */
record SentPacket(byte[] bytes) {
    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int SUBACK = 9;
    static final int PINGRESP = 13;
    static final int DISCONNECT = 14;

    int type() {
        return (bytes[0] & 0xFF) >> 4;
    }

    boolean dup() {
        return (bytes[0] & 0x08) != 0;
    }

    /** CONNACK, DISCONNECT: the reason code; CONNACK's first byte is Session Present. */
    int reasonCode() {
        int at = bodyStart();
        return type() == CONNACK ? bytes[at + 1] & 0xFF : bytes[at] & 0xFF;
    }

    /** PUBACK: the reason code after the packet id (0x00 when the broker left it out, as MQTT 5 allows). */
    int ackReasonCode() {
        int at = bodyStart();
        return bytes.length > at + 2 ? bytes[at + 2] & 0xFF : 0;
    }

    boolean sessionPresent() {
        return (bytes[bodyStart()] & 1) != 0;
    }

    String topic() {
        int at = bodyStart();
        int length = u16(at);
        return new String(bytes, at + 2, length, StandardCharsets.UTF_8);
    }

    int packetId() {
        int at = bodyStart();
        return ((bytes[0] >> 1) & 3) == 0 ? 0 : u16(at + 2 + u16(at));
    }

    String payload() {
        int at = bodyStart();
        at += 2 + u16(at);
        if (((bytes[0] >> 1) & 3) > 0) {
            at += 2;
        }
        int propertiesLength = 0;
        int shift = 0;
        int b;
        do {
            b = bytes[at++] & 0xFF;
            propertiesLength |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        at += propertiesLength;
        return new String(bytes, at, bytes.length - at, StandardCharsets.UTF_8);
    }

    private int bodyStart() {
        int at = 1;
        while ((bytes[at] & 0x80) != 0) {
            at++;
        }
        return at + 1;
    }

    private int u16(int at) {
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    @Override
    public String toString() {
        return type() == PUBLISH ? "PUBLISH(" + topic() + ", " + payload() + ")" : "packet type " + type();
    }
}
