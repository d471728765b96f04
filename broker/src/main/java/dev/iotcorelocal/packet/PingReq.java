package dev.iotcorelocal.packet;

/** PINGREQ: no content, so one shared instance. */
public record PingReq() implements MqttPacket {
    public static final PingReq INSTANCE = new PingReq();

    @Override
    public PacketType type() {
        return PacketType.PINGREQ;
    }
}
