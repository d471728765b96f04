package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One driver connection: completes futures on CONNACK and SUBACK, counts (and for QoS 1
 * acknowledges) received PUBLISHes, records latency from the timestamp in the payload, and
 * hands PUBACKs and writability to its publishing behaviour, if any.
 */
class LoadClient extends ChannelInboundHandlerAdapter implements ServerPacketParser.Listener {

    /** A publishing behaviour driven from the connection's event loop. */
    interface Publishing {
        void start(Channel channel);

        void onPuback();

        void onWritable();
    }

    final CompletableFuture<Channel> connected = new CompletableFuture<>();
    volatile long tcpConnectedNanos; // when the TCP handshake completed, before CONNECT is sent
    final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final Stats stats;
    private final RunAhead runAhead;
    private final int version;
    private Publishing publishing;
    private Channel channel;
    private boolean pendingFlush;
    private int receiveMaximum = 65_535;

    LoadClient(Stats stats, RunAhead runAhead, int version) {
        this.stats = stats;
        this.runAhead = runAhead;
        this.version = version;
    }

    void publishing(Publishing behaviour) {
        this.publishing = behaviour;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    @Override
    public void onPacket(int firstByte, ByteBuf body) {
        switch (firstByte >> 4) {
            case 2 -> onConnack(body);
            case 3 -> onPublish(firstByte, body);
            case 4 -> {
                stats.acked.increment();
                if (publishing != null) {
                    publishing.onPuback();
                }
            }
            case 9 -> subscribed.complete(null);
            case 14 -> stats.disconnects.increment();
            default -> {
            }
        }
    }

    private void onConnack(ByteBuf body) {
        int reason = body.getUnsignedByte(body.readerIndex() + 1);
        if (reason != 0) {
            connected.completeExceptionally(new IllegalStateException("CONNACK refused: " + reason));
            return;
        }
        if (version == 5 && body.readableBytes() > 2) {
            receiveMaximum = Packets.receiveMaximum(body.slice(body.readerIndex() + 2, body.readableBytes() - 2));
        }
        connected.complete(channel);
    }

    /** The broker's Receive Maximum from its CONNACK (65535 when it sent none, or for 3.1.1). */
    int receiveMaximum() {
        return receiveMaximum;
    }

    private void onPublish(int firstByte, ByteBuf body) {
        stats.received.increment();
        if (runAhead != null) {
            runAhead.release(1);
        }
        if (stats.recordLatency && stats.latencyFromClientToken) {
            recordTokenLatency(body);
        } else if (stats.recordLatency) {
            int index = Packets.payloadIndex(body, firstByte, version);
            if (body.writerIndex() - index >= 8) {
                long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - body.getLong(index));
                stats.latencyMicros.recordValue(Math.max(0, micros));
            }
        }
        if (((firstByte >> 1) & 3) == 1) {
            int idIndex = body.readerIndex() + 2 + body.getUnsignedShort(body.readerIndex());
            channel.write(Packets.puback(channel.alloc(), body.getUnsignedShort(idIndex)), channel.voidPromise());
            pendingFlush = true;
        }
    }

    private void recordTokenLatency(ByteBuf body) {
        int end = body.writerIndex() - 2; // before "}
        if (end - 16 < body.readerIndex()) {
            return;
        }
        long sentNanos = 0;
        for (int i = end - 16; i < end; i++) {
            sentNanos = sentNanos * 16 + Character.digit(body.getByte(i), 16);
        }
        stats.latencyMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sentNanos)));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pendingFlush) {
            pendingFlush = false;
            ctx.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && publishing != null) {
            publishing.onWritable();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!connected.isDone()) {
            connected.completeExceptionally(new IllegalStateException("connection closed before CONNACK"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connected.completeExceptionally(cause);
        ctx.close();
    }
}
