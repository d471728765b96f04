package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.ClientIdentity;
import dev.iotcorelocal.codec.DecodeFailure;
import dev.iotcorelocal.codec.MqttEncoderHandler;
import dev.iotcorelocal.packet.MqttPacket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Adapts Netty's callbacks to one {@link MqttConnection}; the only Netty-facing class of the protocol. */
public final class MqttChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MqttChannelHandler.class);
    public static final String NAME = "mqtt";
    private static final String KEEP_ALIVE_HANDLER = "keep-alive";
    private static final String DECODER_HANDLER = "decoder";

    private final ProtocolContext context;
    private final MqttEncoderHandler encoder;
    private final Function<Channel, ClientIdentity> identity;
    private MqttConnection connection;

    public MqttChannelHandler(ProtocolContext context, MqttEncoderHandler encoder,
                              Function<Channel, ClientIdentity> identity) {
        this.context = context;
        this.encoder = encoder;
        this.identity = identity;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        KeepAlive keepAlive = timeoutMillis -> ctx.pipeline().addBefore(DECODER_HANDLER, KEEP_ALIVE_HANDLER,
                new IdleStateHandler(timeoutMillis, 0, 0, TimeUnit.MILLISECONDS));
        connection = new MqttConnection(ctx.channel(), context, () -> identity.apply(ctx.channel()), encoder, keepAlive);
        ctx.executor().schedule(() -> {
            if (!connection.isConnected() && ctx.channel().isActive()) {
                LOG.info("Closing connection from {}: no CONNECT within {} s", ctx.channel().remoteAddress(),
                        context.mqtt().connectTimeoutSeconds());
                ctx.close();
            }
        }, context.mqtt().connectTimeoutSeconds(), TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttPacket packet) {
            connection.onPacket(packet);
        } else if (msg instanceof DecodeFailure failure) {
            connection.onDecodeFailure(failure);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.onReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            connection.onWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.onClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            connection.onKeepAliveTimeout();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    /** Broker shutdown: DISCONNECT 0x8B to MQTT 5 clients, then close. Call on the channel's event loop. */
    public void serverShutdown() {
        if (connection != null) {
            connection.onServerShutdown();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || (cause instanceof DecoderException && cause.getCause() instanceof SSLException)) {
            LOG.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("Closing connection from {} after an unexpected error: {}", ctx.channel().remoteAddress(),
                    cause.toString(), cause);
        }
        ctx.close();
    }

    public static String decoderName() {
        return DECODER_HANDLER;
    }
}
