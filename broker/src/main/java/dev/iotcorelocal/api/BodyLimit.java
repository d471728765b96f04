package dev.iotcorelocal.api;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates request bodies up to a limit; a larger one gets AWS's 413 RequestEntityTooLargeException
 * instead of Netty's bare 413. Like Netty's own answer, the connection stays open when the client
 * can go on (keep-alive and the body not yet sent), and is closed otherwise.
 */
final class BodyLimit extends HttpObjectAggregator {
    private final int maxBytes;

    BodyLimit(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (!(oversized instanceof HttpRequest request)) {
            ctx.close();
            return;
        }
        FullHttpResponse response = HttpResponses.error(AwsException.requestEntityTooLarge(
                "The request body is larger than " + maxBytes + " bytes."), HttpResponses.newRequestId());
        boolean close = oversized instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(request) && !HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, !close);
        ctx.writeAndFlush(response).addListener(close ? ChannelFutureListener.CLOSE
                : ChannelFutureListener.CLOSE_ON_FAILURE);
    }
}
