package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.MqttPacket;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PacketType;
import dev.iotcorelocal.packet.PingReq;
import io.netty.buffer.ByteBuf;

/**
 * Decodes one packet body sent by a client. Stateless: connection state (version) comes in as
 * an argument. Packets only a server sends are a Protocol Error when a client sends them.
 */
public final class PacketDecoder {
    private PacketDecoder() {
    }

    /**
     * @param version null until the CONNECT has been decoded
     */
    public static MqttPacket decode(int firstByte, ByteBuf body, MqttVersion version) throws DecodeException {
        PacketType type = PacketType.of(firstByte >> 4);
        int flags = firstByte & 0x0F;
        if (version == null) {
            if (type != PacketType.CONNECT) {
                throw DecodeException.protocolError("first packet must be CONNECT, was " + type);
            }
            return ConnectDecoder.decode(flags, body);
        }
        checkFlags(type, flags);
        MqttPacket packet = switch (type) {
            case PUBLISH -> PublishDecoder.decode(flags, body, version);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> PubReplyDecoder.decode(type, body, version);
            case SUBSCRIBE -> SubscribeDecoder.decode(body, version);
            case UNSUBSCRIBE -> UnsubscribeDecoder.decode(body, version);
            case PINGREQ -> PingReq.INSTANCE;
            case DISCONNECT -> DisconnectDecoder.decode(body, version);
            case AUTH -> DisconnectDecoder.decodeAuth(body, version);
            case CONNECT -> throw DecodeException.protocolError("second CONNECT");
            case RESERVED -> throw DecodeException.malformed("reserved packet type 0");
            case CONNACK, SUBACK, UNSUBACK, PINGRESP ->
                    throw DecodeException.protocolError(type + " is sent by servers only");
        };
        MqttReader.expectEnd(body, type.name());
        return packet;
    }

    /**
     * A PUBACK that is only a packet id, the packet a subscriber sends for every QoS 1 message:
     * decoded from the id alone, so the frame decoder need not slice the buffer for it.
     */
    public static MqttPacket plainPuback(int packetId) throws DecodeException {
        return PubReplyDecoder.idOnly(PacketType.PUBACK, packetId);
    }

    private static void checkFlags(PacketType type, int flags) throws DecodeException {
        int expected = switch (type) {
            case PUBLISH -> flags;
            case PUBREL, SUBSCRIBE, UNSUBSCRIBE -> 0x02;
            default -> 0;
        };
        if (flags != expected) {
            throw DecodeException.malformed(String.format("invalid fixed header flags 0x%X for %s", flags, type));
        }
    }
}
