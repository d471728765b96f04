package dev.iotcorelocal.api;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection's requests, answered in order (HTTP/1.1 pipelining). Operations registered to run
 * on the I/O thread are answered there while nothing of this connection waits on its worker, and
 * their answers are flushed once per read batch; every other call runs on this connection's worker,
 * never on an MQTT event loop, and calls behind it queue there too so answers keep their order.
 * Runs on the listener's I/O thread; the worker only runs handlers.
 */
final class ApiRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRequestHandler.class);
    private final ApiDispatcher dispatcher;
    private final Executor worker;
    private int onWorker; // calls handed to the worker and not yet answered
    private boolean unflushed;
    private boolean closing; // a request said Connection: close; what follows it is not answered

    ApiRequestHandler(ApiDispatcher dispatcher, Executor worker) {
        this.dispatcher = dispatcher;
        this.worker = worker;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof FullHttpRequest http)) {
            ctx.fireChannelRead(message);
            return;
        }
        ApiDispatcher.Call call;
        boolean keepAlive;
        try {
            if (closing) {
                return;
            }
            call = dispatcher.resolve(http, clientCertificate(ctx));
            keepAlive = HttpUtil.isKeepAlive(http) && !http.decoderResult().isFailure();
        } finally {
            http.release();
        }
        closing = !keepAlive;
        if (call.onIoThread() && onWorker == 0) {
            send(ctx, dispatcher.answer(call), keepAlive, false);
            return;
        }
        onWorker++;
        try {
            worker.execute(() -> answered(ctx, dispatcher.answer(call), keepAlive));
        } catch (RejectedExecutionException shuttingDown) {
            ctx.close();
        }
    }

    private void answered(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        try {
            ctx.executor().execute(() -> {
                onWorker--;
                send(ctx, response, keepAlive, true);
            });
        } catch (RejectedExecutionException shuttingDown) {
            ReferenceCountUtil.release(response);
        }
    }

    private void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, boolean flushNow) {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (!keepAlive) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else if (flushNow) {
            ctx.writeAndFlush(response, ctx.voidPromise()); // a failed write reaches exceptionCaught, which closes
        } else {
            ctx.write(response, ctx.voidPromise());
            unflushed = true;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    private static X509Certificate clientCertificate(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            return null;
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? leaf : null;
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP API connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
