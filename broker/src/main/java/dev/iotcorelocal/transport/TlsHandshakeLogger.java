package dev.iotcorelocal.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.nio.channels.ClosedChannelException;

/**
 * Logs a failed TLS handshake once, in one line (typically: no client certificate, or one not
 * issued by the local CA), and keeps the SSL exception that follows from spamming the log.
 */
final class TlsHandshakeLogger extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeLogger.class);

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent completion) {
            if (!completion.isSuccess()) {
                Throwable cause = completion.cause();
                if (cause instanceof ClosedChannelException) {
                    // Port probes (health checks, wait-for-port loops) connect and close: not worth a line each.
                    LOG.debug("{} closed the connection before a TLS handshake", ctx.channel().remoteAddress());
                } else {
                    LOG.info("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(),
                            cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
                }
                ctx.close();
            } else {
                ctx.pipeline().remove(this);
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            ctx.close(); // already reported by the handshake event
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
