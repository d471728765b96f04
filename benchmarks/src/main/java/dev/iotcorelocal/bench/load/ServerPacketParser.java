package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Frames packets from a broker and hands each to a listener as (first byte, body slice),
 * synchronously and without allocating: the driver must never be the bottleneck it measures.
 */
final class ServerPacketParser extends ByteToMessageDecoder {

    /** Receives one packet; {@code body} is only valid during the call. */
    interface Listener {
        void onPacket(int firstByte, ByteBuf body);
    }

    private final Listener listener;

    ServerPacketParser(Listener listener) {
        this.listener = listener;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            int start = in.readerIndex();
            int readable = in.readableBytes();
            if (readable < 2) {
                return;
            }
            int remaining = 0;
            int header = 1;
            int b;
            do {
                if (header >= readable) {
                    return;
                }
                b = in.getUnsignedByte(start + header);
                remaining |= (b & 0x7F) << (7 * (header - 1));
                header++;
            } while ((b & 0x80) != 0 && header < 5);
            if (readable < header + remaining) {
                return;
            }
            int firstByte = in.getUnsignedByte(start);
            listener.onPacket(firstByte, in.slice(start + header, remaining));
            in.readerIndex(start + header + remaining);
        }
    }
}
