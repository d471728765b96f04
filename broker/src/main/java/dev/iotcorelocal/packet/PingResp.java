package dev.iotcorelocal.packet;

/** PINGRESP: no content, so one shared instance. */
public record PingResp() implements MqttPacket {
    public static final PingResp INSTANCE = new PingResp();

    @Override
    public PacketType type() {
        return PacketType.PINGRESP;
    }
}
