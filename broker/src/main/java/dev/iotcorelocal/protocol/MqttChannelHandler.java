package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.ClientIdentity;
import dev.iotcorelocal.codec.DecodeFailure;
import dev.iotcorelocal.codec.PacketEncoder;
import dev.iotcorelocal.config.TransportConfig;
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
 * <p>Bounds per connection: reads pause while the socket is unwritable (a client that stops
 * reading cannot make the broker queue answers for it), a connection whose queued output still
 * exceeds {@code transport.outbound-buffer-limit} is closed, and once the broker ends a connection
 * the socket closes within {@code transport.close-timeout-millis} whether or not the client reads
 * its DISCONNECT. Timers read the event loop's ticker, so tests move time deterministically.
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
    private final TransportConfig transportConfig;
    private ChannelHandlerContext ctx;
    private MqttConnection connection;
    private ScheduledFuture<?> timer; // the CONNECT timeout, then the keep-alive watch, then the close deadline
    private long keepAliveNanos;
    private long lastPacketNanos;
    private boolean packetInBatch; // a complete packet arrived in the current read batch
    private boolean closeDeadline; // the timer now closes the channel
    private boolean readsPaused; // paused by this handler because the socket is unwritable
    private MqttVersion version = MqttVersion.V5; // until a CONNECT says otherwise, only a refusal is written
    private long clientMaxPacketSize;

    public MqttChannelHandler(ProtocolContext context, Function<Channel, ClientIdentity> identity,
                              TransportConfig transportConfig) {
        this.context = context;
        this.identity = identity;
        this.transportConfig = transportConfig;
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
        if (closeDeadline) {
            return;
        }
        timer.cancel(false);
        keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lastPacketNanos = now();
        timer = ctx.executor().schedule(this, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The broker ends this connection: whatever the client does, the channel closes by the deadline. */
    @Override
    public void closeByDeadline() {
        if (closeDeadline || ctx == null) {
            return;
        }
        closeDeadline = true;
        if (timer != null) {
            timer.cancel(false);
        }
        timer = ctx.executor().schedule(this, transportConfig.closeTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }

    @Override
    public void encodeAs(MqttVersion version, long clientMaxPacketSize) {
        this.version = version;
        this.clientMaxPacketSize = clientMaxPacketSize;
    }

    /**
     * The timer: before CONNECT it is the CONNECT timeout; after, the keep-alive watch re-arming
     * from the last complete packet; once the broker ends the connection, the close deadline.
     */
    @Override
    public void run() {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (closeDeadline) {
            LOG.debug("Closing connection from {}: it did not take its last packet within {} ms",
                    ctx.channel().remoteAddress(), transportConfig.closeTimeoutMillis());
            ctx.close();
            return;
        }
        if (!connection.isConnected()) {
            LOG.info("Closing connection from {}: no CONNECT within {} s", ctx.channel().remoteAddress(),
                    context.mqtt().connectTimeoutSeconds());
            ctx.close();
            return;
        }
        long idle = now() - lastPacketNanos;
        if (idle >= keepAliveNanos) {
            connection.onKeepAliveTimeout();
        } else {
            timer = ctx.executor().schedule(this, keepAliveNanos - idle, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttPacket packet) {
            packetInBatch = true;
            // Reads pause when the socket turns unwritable, but the packets of the current read
            // batch still arrive; their answers are what this bound limits.
            if (!ctx.channel().isWritable() && ctx.channel().isOpen() && outboundOverLimit()) {
                closeNotReadingClient();
                return;
            }
            connection.onPacket(packet);
        } else if (msg instanceof DecodeFailure failure) {
            connection.onDecodeFailure(failure);
        }
    }

    private boolean outboundOverLimit() {
        long queued = ctx.channel().bytesBeforeWritable() + ctx.channel().config().getWriteBufferLowWaterMark();
        return queued > transportConfig.outboundBufferLimit();
    }

    private void closeNotReadingClient() {
        LOG.info("Closing connection from {}: more than {} bytes queued for a client that does not read [{}]",
                ctx.channel().remoteAddress(), transportConfig.outboundBufferLimit(), "transport.outbound-buffer-limit");
        connection.closeWithoutPacket(); // the rest of the read batch is then ignored
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Only complete packets count for the keep alive (MQTT 5 3.1.2.10), taken once per read batch.
        if (packetInBatch) {
            packetInBatch = false;
            lastPacketNanos = now();
        }
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
        Channel channel = ctx.channel();
        if (channel.isWritable()) {
            if (readsPaused) {
                readsPaused = false;
                channel.config().setAutoRead(true);
            }
            connection.onWritable();
        } else if (channel.config().isAutoRead()) {
            // Back-pressure: every packet read may need an answer the client is not taking.
            readsPaused = true;
            channel.config().setAutoRead(false);
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
        boolean network = cause instanceof IOException
                || (cause instanceof DecoderException && cause.getCause() instanceof SSLException);
        if (network) {
            LOG.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("Closing connection from {} after an unexpected error: {}", ctx.channel().remoteAddress(),
                    cause.toString(), cause);
        }
        if (connection != null) {
            connection.onTransportError(!network);
        }
        ctx.close();
    }

    public static String decoderName() {
        return DECODER_HANDLER;
    }
}
