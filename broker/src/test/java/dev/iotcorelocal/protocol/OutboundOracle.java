package dev.iotcorelocal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.ReferenceCountUtil;

import java.util.HexFormat;

/**
 * Checks that everything a connection writes is whole MQTT packets a client can decode, with
 * Netty's independent codec (test scope only) as the judge. Each written buffer must be exactly
 * one packet. The connection's version is unknown here (the CONNECT may have been mangled), so
 * the stream must decode completely as MQTT 5 or completely as MQTT 3.1.1.
 */
final class OutboundOracle {
    private static final byte[] CONNECT_V5 = HexFormat.of().parseHex("101000044d5154540502003c000003616263");
    private static final byte[] CONNECT_V311 = HexFormat.of().parseHex("100f00044d5154540402003c0003616263");

    private final EmbeddedChannel v5 = decoder(CONNECT_V5);
    private final EmbeddedChannel v311 = decoder(CONNECT_V311);
    private boolean v5Fits = true;
    private boolean v311Fits = true;

    void check(Object written) {
        if (!(written instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(written);
            throw new AssertionError("the connection wrote something other than bytes: " + written);
        }
        try {
            v5Fits = v5Fits && decodesToOnePacket(v5, buf.duplicate());
            v311Fits = v311Fits && decodesToOnePacket(v311, buf.duplicate());
            if (!v5Fits && !v311Fits) {
                throw new AssertionError("not a whole MQTT packet in either version: " + ByteBufUtil.hexDump(buf));
            }
        } finally {
            buf.release();
        }
    }

    /** The connection closed: nothing more will be written. */
    void close() {
        v5.finishAndReleaseAll();
        v311.finishAndReleaseAll();
    }

    private static boolean decodesToOnePacket(EmbeddedChannel decoder, ByteBuf bytes) {
        decoder.writeInbound(Unpooled.copiedBuffer(bytes));
        MqttMessage message = decoder.readInbound();
        if (message == null) {
            return false; // incomplete
        }
        boolean ok = message.decoderResult().isSuccess() && decoder.inboundMessages().isEmpty();
        ReferenceCountUtil.release(message);
        return ok;
    }

    private static EmbeddedChannel decoder(byte[] connect) {
        EmbeddedChannel channel = new EmbeddedChannel(new MqttDecoder(1 << 24));
        channel.writeInbound(Unpooled.wrappedBuffer(connect)); // the decoder learns the version from a CONNECT
        ReferenceCountUtil.release(channel.readInbound());
        return channel;
    }
}
