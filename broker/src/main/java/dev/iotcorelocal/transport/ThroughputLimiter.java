package dev.iotcorelocal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.TimeUnit;

/**
 * AWS IoT Core's 512 KiB/s per connection: inbound bytes beyond the rate are delayed, never
 * dropped, by pausing reads until the average is back under the rate. A timer exists only while
 * a connection is paused.
 *
 * <p>Why not Netty's traffic shaping: measured (docs/hardening.md), the shared
 * GlobalChannelTrafficShapingHandler cost each idle connection about 600 bytes more heap (+30%:
 * a traffic counter and a message queue per channel) and reached 10% less of the limit, while
 * ChannelTrafficShapingHandler keeps a timer per connection. This does the one thing needed.
 */
final class ThroughputLimiter extends ChannelInboundHandlerAdapter {
    private final long bytesPerSecond;
    private long windowStartNanos = System.nanoTime();
    private long bytesInWindow;

    ThroughputLimiter(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            account(ctx, buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    private void account(ChannelHandlerContext ctx, int bytes) {
        long now = System.nanoTime();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(now - windowStartNanos);
        if (elapsedMillis >= 1000 && bytesInWindow <= bytesPerSecond) {
            windowStartNanos = now;
            bytesInWindow = 0;
            elapsedMillis = 0;
        }
        bytesInWindow += bytes;
        long earnedMillis = bytesInWindow * 1000 / bytesPerSecond; // time these bytes should take
        if (bytesInWindow > bytesPerSecond && earnedMillis > elapsedMillis && ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(() -> resume(ctx), earnedMillis - elapsedMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void resume(ChannelHandlerContext ctx) {
        windowStartNanos = System.nanoTime();
        bytesInWindow = 0;
        ctx.channel().config().setAutoRead(true);
    }
}
