package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.ClientIdentity;
import dev.iotcorelocal.codec.DecodeFailure;
import dev.iotcorelocal.codec.MqttEncoderHandler;
import dev.iotcorelocal.packet.MqttPacket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
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
    private static final String DECODER_HANDLER = "decoder";

    private final ProtocolContext context;
    private final MqttEncoderHandler encoder;
    private final Function<Channel, ClientIdentity> identity;
    private MqttConnection connection;
    private ScheduledFuture<?> timer; // CONNECT timeout, then keep-alive: one timer per connection
    private long keepAliveNanos;
    private long lastReadNanos;

    public MqttChannelHandler(ProtocolContext context, MqttEncoderHandler encoder,
                              Function<Channel, ClientIdentity> identity) {
        this.context = context;
        this.encoder = encoder;
        this.identity = identity;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        KeepAlive keepAlive = timeoutMillis -> startKeepAlive(ctx, timeoutMillis);
        connection = new MqttConnection(ctx.channel(), context, () -> identity.apply(ctx.channel()), encoder, keepAlive);
        timer = ctx.executor().schedule(() -> {
            if (!connection.isConnected() && ctx.channel().isActive()) {
                LOG.info("Closing connection from {}: no CONNECT within {} s", ctx.channel().remoteAddress(),
                        context.mqtt().connectTimeoutSeconds());
                ctx.close();
            }
        }, context.mqtt().connectTimeoutSeconds(), TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    /** Replaces the CONNECT timeout with the keep-alive watch: it re-arms itself from the last read. */
    private void startKeepAlive(ChannelHandlerContext ctx, long timeoutMillis) {
        timer.cancel(false);
        keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lastReadNanos = System.nanoTime();
        timer = ctx.executor().schedule(() -> checkKeepAlive(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void checkKeepAlive(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long idle = System.nanoTime() - lastReadNanos;
        if (idle >= keepAliveNanos) {
            connection.onKeepAliveTimeout();
        } else {
            timer = ctx.executor().schedule(() -> checkKeepAlive(ctx), keepAliveNanos - idle, TimeUnit.NANOSECONDS);
        }
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
        lastReadNanos = System.nanoTime(); // once per read batch: any packet resets the keep alive
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
        if (timer != null) {
            timer.cancel(false);
        }
        if (connection != null) {
            connection.onClosed();
        }
        ctx.fireChannelInactive();
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
