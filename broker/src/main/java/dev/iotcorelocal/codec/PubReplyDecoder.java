package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PacketType;
import dev.iotcorelocal.packet.PubReply;
import dev.iotcorelocal.packet.ReasonCode;
import io.netty.buffer.ByteBuf;

import java.util.List;

/** PUBACK, PUBREC, PUBREL, PUBCOMP (spec 3.4 - 3.7). */
final class PubReplyDecoder {
    private PubReplyDecoder() {
    }

    static PubReply decode(PacketType type, ByteBuf buf, MqttVersion version) throws DecodeException {
        int packetId = MqttReader.readU16(buf);
        if (!version.isV5() || !buf.isReadable()) {
            MqttReader.expectEnd(buf, type.name());
            return idOnly(type, packetId);
        }
        checkId(type, packetId);
        ReasonCode reason = ReasonCode.ofCode(MqttReader.readByte(buf));
        if (reason == null) {
            throw DecodeException.protocolError("unknown reason code in " + type);
        }
        DecodedProperties props = buf.isReadable()
                ? DecodedProperties.read(buf, PropertyContext.PUB_REPLY) : DecodedProperties.NONE;
        MqttReader.expectEnd(buf, type.name());
        return new PubReply(type, packetId, reason, props.reasonString, props.userProperties);
    }

    /** A reply that is only a packet id: Success, in every version (spec 3.4.2.1). */
    static PubReply idOnly(PacketType type, int packetId) throws DecodeException {
        checkId(type, packetId);
        return new PubReply(type, packetId, ReasonCode.SUCCESS, null, List.of());
    }

    private static void checkId(PacketType type, int packetId) throws DecodeException {
        if (packetId == 0) {
            throw DecodeException.malformed(type + " with packet identifier 0");
        }
    }
}
