package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.MqttPacket;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.ReasonCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Frames MQTT packets and decodes each one. A packet larger than the maximum packet size is
 * refused from its fixed header, before its body is buffered. Any failure is passed on as one
 * {@link DecodeFailure}; after it all input is discarded, so nothing escapes to Netty.
 */
public final class MqttFrameDecoder extends ByteToMessageDecoder {
    private final int maximumPacketSize;
    private MqttVersion version;
    private boolean failed;

    public MqttFrameDecoder(int maximumPacketSize) {
        this.maximumPacketSize = maximumPacketSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (readable < 2) {
            return;
        }
        int remainingLength = 0;
        int headerLength = 1;
        while (true) {
            if (headerLength >= readable) {
                return;
            }
            int b = in.getUnsignedByte(start + headerLength);
            remainingLength |= (b & 0x7F) << (7 * (headerLength - 1));
            headerLength++;
            if ((b & 0x80) == 0) {
                if (b == 0 && headerLength > 2) { // MQTT 5 §1.5.5: the minimal number of bytes
                    fail(in, out, new DecodeException(ReasonCode.MALFORMED_PACKET,
                            "remaining length not minimally encoded"));
                    return;
                }
                break;
            }
            if (headerLength == 5) {
                fail(in, out, new DecodeException(ReasonCode.MALFORMED_PACKET, "remaining length longer than 4 bytes"));
                return;
            }
        }
        long packetSize = (long) headerLength + remainingLength;
        if (packetSize > maximumPacketSize) {
            fail(in, out, new DecodeException(ReasonCode.PACKET_TOO_LARGE,
                    "packet of " + packetSize + " bytes exceeds the maximum packet size " + maximumPacketSize));
            return;
        }
        if (readable < packetSize) {
            return;
        }
        int firstByte = in.getUnsignedByte(start);
        int bodyStart = start + headerLength;
        in.readerIndex(start + (int) packetSize);
        try {
            MqttPacket packet = PacketDecoder.decode(firstByte, in, bodyStart, remainingLength, version);
            if (packet instanceof Connect connect) {
                version = connect.version();
            }
            out.add(packet);
        } catch (DecodeException e) {
            fail(in, out, e);
        }
    }

    private void fail(ByteBuf in, List<Object> out, DecodeException e) {
        failed = true;
        in.skipBytes(in.readableBytes());
        boolean inConnect = version == null;
        MqttVersion replyVersion = inConnect ? e.connectVersion() : version;
        out.add(new DecodeFailure(e.reasonCode(), e.getMessage(), replyVersion, inConnect));
    }
}
