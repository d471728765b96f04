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
        return decode(firstByte, body, body.readerIndex(), body.readableBytes(), version);
    }

    /**
     * Decodes the body at {@code length} bytes from {@code offset} in {@code in}, leaving its
     * indexes alone. A view of the body is made only for packets read field by field: a publish
     * reply that is only a packet id (the PUBACK every QoS 1 subscriber sends per message) is read
     * in place.
     *
     * @param version null until the CONNECT has been decoded
     */
    public static MqttPacket decode(int firstByte, ByteBuf in, int offset, int length, MqttVersion version)
            throws DecodeException {
        PacketType type = PacketType.of(firstByte >> 4);
        int flags = firstByte & 0x0F;
        if (version == null) {
            if (type != PacketType.CONNECT) {
                throw DecodeException.protocolError("first packet must be CONNECT, was " + type);
            }
            return ConnectDecoder.decode(flags, in.slice(offset, length));
        }
        checkFlags(type, flags);
        if (type.isPublishReply() && length == 2) {
            return PubReplyDecoder.idOnly(type, in.getUnsignedShort(offset));
        }
        ByteBuf body = in.slice(offset, length);
        MqttPacket packet = switch (type) {
            case PUBLISH -> PublishDecoder.decode(flags, body, version);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> PubReplyDecoder.decode(type, body, version);
            case SUBSCRIBE -> SubscribeDecoder.decode(body, version);
            case UNSUBSCRIBE -> UnsubscribeDecoder.decode(body, version);
            case PINGREQ -> PingReq.INSTANCE;
            case DISCONNECT -> ReasonAndPropertiesDecoder.disconnect(body, version);
            case AUTH -> ReasonAndPropertiesDecoder.auth(body, version);
            case CONNECT -> throw DecodeException.protocolError("second CONNECT");
            case RESERVED -> throw DecodeException.malformed("reserved packet type 0");
            case CONNACK, SUBACK, UNSUBACK, PINGRESP ->
                    throw DecodeException.protocolError(type + " is sent by servers only");
        };
        MqttReader.expectEnd(body, type.name());
        return packet;
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
