package dev.iotcorelocal.packet;

/** MQTT control packet types, indexed by the high nibble of the fixed header. */
public enum PacketType {
    RESERVED(0), CONNECT(1), CONNACK(2), PUBLISH(3), PUBACK(4), PUBREC(5), PUBREL(6), PUBCOMP(7),
    SUBSCRIBE(8), SUBACK(9), UNSUBSCRIBE(10), UNSUBACK(11), PINGREQ(12), PINGRESP(13), DISCONNECT(14), AUTH(15);

    private static final PacketType[] BY_CODE = values();
    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP: a packet id, then (MQTT 5) an optional reason and properties. */
    public boolean isPublishReply() {
        return code >= PUBACK.code && code <= PUBCOMP.code;
    }

    public static PacketType of(int code) {
        return BY_CODE[code & 0x0F];
    }
}
