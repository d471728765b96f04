package dev.iotcorelocal.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.MqttPacket;
import dev.iotcorelocal.testsupport.NettyLeakGuard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Coverage-guided fuzzing of the frame decoder (Jazzer). Whatever the bytes and however they are
 * split into reads: only packets come out, then at most one failure with an error reason code;
 * nothing is thrown; every buffer handed in is released.
 *
 * <p>The build runs it in regression mode over the committed inputs in
 * {@code src/test/resources/dev/iotcorelocal/codec/DecoderFuzzTestInputs/} (deterministic, about a
 * second); {@code benchmarks/fuzz-long.sh} fuzzes it for millions of inputs (docs/hardening.md).
 */
class DecoderFuzzTest {
    private static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
    private static final int[] MAXIMUM_PACKET_SIZES = {Frames.MAX, 268_435_460, 64, 2};
    private static final EmbeddedChannel CHANNEL = new EmbeddedChannel();

    @FuzzTest
    void bytesOnTheWireYieldPacketsThenAtMostOneFailure(FuzzedDataProvider data) {
        NettyLeakGuard.assertNoLeakReported();
        int prefix = data.consumeInt(0, 2); // start mid-session (after a valid CONNECT) or at the first packet
        int chunkSize = data.consumeInt(1, 512);
        int maximumPacketSize = data.pickValue(MAXIMUM_PACKET_SIZES);
        byte[] wire = data.consumeRemainingAsBytes();

        // One channel for every input (creating one per input halved the rate): each input gets a
        // fresh decoder, and its end of input is the inactive event a closing channel fires.
        MqttFrameDecoder decoder = new MqttFrameDecoder(maximumPacketSize);
        CHANNEL.pipeline().addLast(decoder);
        EmbeddedChannel channel = CHANNEL;
        List<ByteBuf> written = new ArrayList<>();
        if (prefix > 0) {
            write(channel, written, prefix == 1 ? Frames.CONNECT_V5 : Frames.CONNECT_V311, 0, Integer.MAX_VALUE);
        }
        for (int offset = 0; offset < wire.length; offset += chunkSize) {
            write(channel, written, wire, offset, chunkSize);
        }
        channel.pipeline().fireChannelInactive();
        channel.pipeline().remove(decoder);
        channel.checkException();
        List<Object> out = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            out.add(o);
        }
        checkWellFormed(out);
        for (ByteBuf buf : written) {
            if (buf.refCnt() != 0) {
                throw new AssertionError("the decoder kept a buffer it was given (refCnt " + buf.refCnt() + ")");
            }
        }
    }

    private static void write(EmbeddedChannel channel, List<ByteBuf> written, byte[] bytes, int offset, int max) {
        int length = Math.min(max, bytes.length - offset);
        ByteBuf buf = ALLOC.buffer(length).writeBytes(bytes, offset, length);
        written.add(buf);
        channel.writeInbound(buf);
    }

    /** Only packets, the first and only the first a CONNECT, then at most one failure, last. */
    private static void checkWellFormed(List<Object> out) {
        for (int i = 0; i < out.size(); i++) {
            Object o = out.get(i);
            if (o instanceof DecodeFailure failure) {
                check(i == out.size() - 1, () -> "a failure is the last thing emitted: " + out);
                check(failure.reasonCode().isError(), () -> "a failure carries an error reason code: " + failure);
                check(failure.inConnect() == (i == 0), () -> "a failure knows whether it is in the CONNECT: " + out);
            } else {
                check(o instanceof MqttPacket, () -> "only packets and failures are emitted: " + o);
                check((o instanceof Connect) == (i == 0), () -> "a CONNECT first and only then: " + out);
            }
        }
    }

    /** The message is built only on failure: rendering every packet per check made long inputs quadratic. */
    private static void check(boolean condition, Supplier<String> message) {
        if (!condition) {
            throw new AssertionError(message.get());
        }
    }
}
