package dev.iotcorelocal.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * On a listener: when accepting fails (typically the process is out of file descriptors), stops
 * accepting for a second, so the loop does not spin on the failure, and logs one line that says
 * what to do, at most once a minute, instead of a stack trace per refused client.
 */
@ChannelHandler.Sharable
final class AcceptFailureHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptFailureHandler.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private volatile long lastLogged = System.nanoTime() - LOG_INTERVAL_NANOS;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        long now = System.nanoTime();
        if (now - lastLogged >= LOG_INTERVAL_NANOS) {
            lastLogged = now;
            LOG.warn("Cannot accept new connections on {}: {}. Existing connections are unaffected; if the "
                    + "process is out of file descriptors, raise its limit (ulimit -n). Retrying every second.",
                    ctx.channel().localAddress(), cause.getMessage());
        }
        ctx.channel().config().setAutoRead(false);
        ctx.channel().eventLoop().schedule(() -> ctx.channel().config().setAutoRead(true), 1, TimeUnit.SECONDS);
    }
}
