package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.ClientIdentity;
import dev.iotcorelocal.codec.DecodeFailure;
import dev.iotcorelocal.codec.PacketEncoder;
import dev.iotcorelocal.packet.MqttPacket;
import dev.iotcorelocal.packet.MqttVersion;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Adapts Netty's callbacks to one {@link MqttConnection}, the only Netty-facing class of the
 * protocol: packets in, packets out as bytes, and the connection's one timer.
 *
 * <p>Memory per idle connection is a measured target (README, Benchmarks), so this handler is
 * also the encoder and its own timer task: a separate pipeline handler, lambdas capturing the
 * context, and a timer object each cost every idle connection bytes for no behaviour.
 */
public final class MqttChannelHandler extends ChannelDuplexHandler implements ConnectionTransport, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttChannelHandler.class);
    public static final String NAME = "mqtt";
    private static final String DECODER_HANDLER = "decoder";

    private final ProtocolContext context;
    private final Function<Channel, ClientIdentity> identity;
    private ChannelHandlerContext ctx;
    private MqttConnection connection;
    private ScheduledFuture<?> timer; // the CONNECT timeout, then the keep-alive watch
    private long keepAliveNanos;
    private long lastReadNanos;
    private MqttVersion version = MqttVersion.V5; // until a CONNECT says otherwise, only a refusal is written
    private long clientMaxPacketSize;

    public MqttChannelHandler(ProtocolContext context, Function<Channel, ClientIdentity> identity) {
        this.context = context;
        this.identity = identity;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        connection = new MqttConnection(ctx.channel(), context, identity, this);
        timer = ctx.executor().schedule(this, context.mqtt().connectTimeoutSeconds(), TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void startKeepAlive(long timeoutMillis) {
        timer.cancel(false);
        keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lastReadNanos = System.nanoTime();
        timer = ctx.executor().schedule(this, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void encodeAs(MqttVersion version, long clientMaxPacketSize) {
        this.version = version;
        this.clientMaxPacketSize = clientMaxPacketSize;
    }

    /** The timer: before CONNECT it is the CONNECT timeout; after, the keep-alive watch re-arming from the last read. */
    @Override
    public void run() {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!connection.isConnected()) {
            LOG.info("Closing connection from {}: no CONNECT within {} s", ctx.channel().remoteAddress(),
                    context.mqtt().connectTimeoutSeconds());
            ctx.close();
            return;
        }
        long idle = System.nanoTime() - lastReadNanos;
        if (idle >= keepAliveNanos) {
            connection.onKeepAliveTimeout();
        } else {
            timer = ctx.executor().schedule(this, keepAliveNanos - idle, TimeUnit.NANOSECONDS);
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
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttPacket packet) {
            ctx.write(PacketEncoder.encode(ctx.alloc(), packet, version, clientMaxPacketSize), promise);
        } else {
            ctx.write(msg, promise);
        }
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
