package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.Auth;
import dev.iotcorelocal.packet.Disconnect;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PacketType;
import dev.iotcorelocal.packet.PubReply;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.Suback;
import dev.iotcorelocal.packet.Unsuback;
import dev.iotcorelocal.packet.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;
import java.util.function.Consumer;

import static dev.iotcorelocal.codec.PropertyId.*;

/**
 * The packets made of an optional packet id, reason code(s) and the diagnostic properties
 * (Reason String, User Properties). Those diagnostics are left out when they would push the
 * packet over the client's Maximum Packet Size, as MQTT 5 section 3.4.2.2.2 requires.
 */
final class AckEncoder {
    private AckEncoder() {
    }

    static ByteBuf pubReply(ByteBufAllocator alloc, PubReply p, MqttVersion version, long maxPacketSize) {
        int firstByte = (p.type().code() << 4) | (p.type() == PacketType.PUBREL ? 0x02 : 0);
        if (!version.isV5()) {
            return alloc.ioBuffer(4).writeByte(firstByte).writeByte(2).writeShort(p.packetId());
        }
        boolean plain = p.reasonCode() == ReasonCode.SUCCESS && p.reasonString() == null && p.userProperties().isEmpty();
        if (plain) {
            return alloc.ioBuffer(4).writeByte(firstByte).writeByte(2).writeShort(p.packetId());
        }
        return withDiagnostics(alloc, firstByte, 2, true, List.of(p.reasonCode()), p.reasonString(),
                p.userProperties(), maxPacketSize, buf -> buf.writeShort(p.packetId()), null);
    }

    static ByteBuf suback(ByteBufAllocator alloc, Suback s, MqttVersion version, long maxPacketSize) {
        if (!version.isV5()) {
            ByteBuf buf = alloc.ioBuffer(4 + s.reasonCodes().size());
            buf.writeByte(0x90);
            MqttWriter.writeVbi(buf, 2 + s.reasonCodes().size());
            buf.writeShort(s.packetId());
            for (ReasonCode r : s.reasonCodes()) {
                buf.writeByte(r.isError() ? 0x80 : r.code());
            }
            return buf;
        }
        return withDiagnostics(alloc, 0x90, 2, false, s.reasonCodes(), s.reasonString(), s.userProperties(), maxPacketSize,
                buf -> buf.writeShort(s.packetId()), null);
    }

    static ByteBuf unsuback(ByteBufAllocator alloc, Unsuback u, MqttVersion version, long maxPacketSize) {
        if (!version.isV5()) {
            return alloc.ioBuffer(4).writeByte(0xB0).writeByte(2).writeShort(u.packetId());
        }
        return withDiagnostics(alloc, 0xB0, 2, false, u.reasonCodes(), u.reasonString(), u.userProperties(), maxPacketSize,
                buf -> buf.writeShort(u.packetId()), null);
    }

    static ByteBuf disconnect(ByteBufAllocator alloc, Disconnect d, long maxPacketSize) {
        int extraProps = PropertyWriter.u32Size(d.sessionExpiryInterval()) + PropertyWriter.stringSize(d.serverReference());
        return withDiagnostics(alloc, 0xE0, 0, true, List.of(d.reasonCode()), d.reasonString(), d.userProperties(),
                maxPacketSize, null, new ExtraProperties(extraProps, buf -> {
                    PropertyWriter.writeU32(buf, SESSION_EXPIRY_INTERVAL, d.sessionExpiryInterval());
                    PropertyWriter.writeString(buf, SERVER_REFERENCE, d.serverReference());
                }));
    }

    static ByteBuf auth(ByteBufAllocator alloc, Auth a, long maxPacketSize) {
        int extraProps = PropertyWriter.stringSize(a.authenticationMethod()) + PropertyWriter.binarySize(a.authenticationData());
        return withDiagnostics(alloc, 0xF0, 0, true, List.of(a.reasonCode()), a.reasonString(), a.userProperties(),
                maxPacketSize, null, new ExtraProperties(extraProps, buf -> {
                    PropertyWriter.writeString(buf, AUTHENTICATION_METHOD, a.authenticationMethod());
                    PropertyWriter.writeBinary(buf, AUTHENTICATION_DATA, a.authenticationData());
                }));
    }

    private record ExtraProperties(int length, Consumer<ByteBuf> writer) {
    }

    /**
     * @param reasonsFirst PUBACK, DISCONNECT and AUTH put their reason code before the properties;
     *                     SUBACK and UNSUBACK put their reason codes after them, as the payload
     */
    private static ByteBuf withDiagnostics(ByteBufAllocator alloc, int firstByte, int prefixLength,
                                           boolean reasonsFirst, List<ReasonCode> reasons, String reasonString, List<UserProperty> userProperties,
                                           long maxPacketSize, Consumer<ByteBuf> prefix,
                                           ExtraProperties extra) {
        if (reasonString != null && !MqttWriter.fitsUtf8(reasonString)) {
            reasonString = null; // diagnostic only: dropped rather than sent with a wrapped length
        }
        int extraLength = extra == null ? 0 : extra.length();
        int diagnostics = PropertyWriter.stringSize(reasonString) + PropertyWriter.userPropertiesSize(userProperties);
        int remaining = remainingLength(prefixLength, reasons.size(), extraLength + diagnostics);
        if (maxPacketSize > 0 && MqttWriter.fixedHeaderSize(remaining) + remaining > maxPacketSize) {
            reasonString = null;
            userProperties = List.of();
            diagnostics = 0;
            remaining = remainingLength(prefixLength, reasons.size(), extraLength);
        }
        int props = extraLength + diagnostics;
        ByteBuf buf = alloc.ioBuffer(MqttWriter.fixedHeaderSize(remaining) + remaining);
        buf.writeByte(firstByte);
        MqttWriter.writeVbi(buf, remaining);
        if (prefix != null) {
            prefix.accept(buf);
        }
        if (reasonsFirst) {
            writeReasons(buf, reasons);
        }
        MqttWriter.writeVbi(buf, props);
        if (extra != null) {
            extra.writer().accept(buf);
        }
        PropertyWriter.writeString(buf, REASON_STRING, reasonString);
        PropertyWriter.writeUserProperties(buf, userProperties);
        if (!reasonsFirst) {
            writeReasons(buf, reasons);
        }
        return buf;
    }

    private static void writeReasons(ByteBuf buf, List<ReasonCode> reasons) {
        for (ReasonCode r : reasons) {
            buf.writeByte(r.code());
        }
    }

    private static int remainingLength(int prefixLength, int reasonCount, int propertiesLength) {
        return prefixLength + reasonCount + MqttWriter.vbiSize(propertiesLength) + propertiesLength;
    }
}
