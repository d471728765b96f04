package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.Auth;
import dev.iotcorelocal.packet.Connack;
import dev.iotcorelocal.packet.Disconnect;
import dev.iotcorelocal.packet.MqttPacket;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PingResp;
import dev.iotcorelocal.packet.PubReply;
import dev.iotcorelocal.packet.Publish;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.Suback;
import dev.iotcorelocal.packet.Unsuback;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Encodes any packet a server sends, for a protocol version; stateless. */
public final class PacketEncoder {
    private PacketEncoder() {
    }

    /**
     * @param maxPacketSize the receiver's Maximum Packet Size, 0 for none: diagnostics are dropped
     *                      from acknowledgements that would exceed it
     */
    public static ByteBuf encode(ByteBufAllocator alloc, MqttPacket packet, MqttVersion version, long maxPacketSize) {
        if (packet instanceof Publish p) {
            return PublishEncoder.encode(alloc, p, version);
        }
        if (packet instanceof PubReply p) {
            return AckEncoder.pubReply(alloc, p, version, maxPacketSize);
        }
        if (packet instanceof Connack c) {
            return ConnackEncoder.encode(alloc, c, version);
        }
        if (packet instanceof Suback s) {
            return AckEncoder.suback(alloc, s, version, maxPacketSize);
        }
        if (packet instanceof Unsuback u) {
            return AckEncoder.unsuback(alloc, u, version, maxPacketSize);
        }
        if (packet instanceof PingResp) {
            return alloc.ioBuffer(2).writeByte(0xD0).writeByte(0);
        }
        if (packet instanceof Disconnect d) {
            return version.isV5() ? AckEncoder.disconnect(alloc, d, maxPacketSize)
                    : alloc.ioBuffer(2).writeByte(0xE0).writeByte(0);
        }
        if (packet instanceof Auth a) {
            return AckEncoder.auth(alloc, a, maxPacketSize);
        }
        // CONNECT, SUBSCRIBE, UNSUBSCRIBE and PINGREQ: a server never sends them (tests encode them with
        // the test fixtures' ClientPacketEncoder).
        throw new IllegalArgumentException("a server does not send " + packet.type());
    }

    /** Whether MQTT 3.1.1 can express this CONNACK refusal; if not, the connection is just closed. */
    public static boolean hasV3ConnackCode(ReasonCode reason) {
        return ConnackEncoder.v3ReturnCode(reason) >= 0;
    }
}
