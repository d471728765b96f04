package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.MqttPacket;
import dev.iotcorelocal.packet.MqttVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test helpers: feed bytes through the real frame decoder, and encode packets (either side's) to bytes. */
final class Frames {
    static final int MAX = 149_504;
    static final byte[] CONNECT_V5 = hex("10 10 0004 4d515454 05 02 003c 00 0003 616263");
    static final byte[] CONNECT_V311 = hex("10 0f 0004 4d515454 04 02 003c 0003 616263");

    private Frames() {
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** Decodes a byte stream with a fresh decoder; returns every packet or failure it emits. */
    static List<Object> decode(byte[]... chunks) {
        EmbeddedChannel channel = new EmbeddedChannel(new MqttFrameDecoder(MAX));
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = channel.readInbound()) != null) {
            out.add(o);
        }
        channel.finishAndReleaseAll();
        return out;
    }

    /** The single object emitted after a v5 CONNECT. */
    static Object afterConnectV5(byte[] packet) {
        List<Object> out = decode(CONNECT_V5, packet);
        if (out.size() != 2) {
            throw new AssertionError("expected CONNECT and one more object, got " + out);
        }
        return out.get(1);
    }

    static Object afterConnectV311(byte[] packet) {
        List<Object> out = decode(CONNECT_V311, packet);
        if (out.size() != 2) {
            throw new AssertionError("expected CONNECT and one more object, got " + out);
        }
        return out.get(1);
    }

    static byte[] encode(MqttPacket packet, MqttVersion version) {
        ByteBuf buf = ClientPacketEncoder.encode(ByteBufAllocator.DEFAULT, packet, version);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
