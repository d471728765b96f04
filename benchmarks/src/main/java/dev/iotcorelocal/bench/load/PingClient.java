package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.concurrent.CompletableFuture;

/** A {@link LoadClient} that can send PINGREQ and complete when the PINGRESP arrives. */
final class PingClient extends LoadClient {
    private volatile CompletableFuture<Void> pong;

    PingClient(Stats stats, int version) {
        super(stats, null, version);
    }

    CompletableFuture<Void> ping(Channel channel) {
        pong = new CompletableFuture<>();
        channel.writeAndFlush(channel.alloc().buffer(2).writeByte(0xC0).writeByte(0));
        return pong;
    }

    @Override
    public void onPacket(int firstByte, ByteBuf body) {
        if (firstByte >> 4 == 13 && pong != null) {
            pong.complete(null);
        }
        super.onPacket(firstByte, body);
    }
}
