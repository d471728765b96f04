package dev.iotcorelocal.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;

/**
 * One keep-alive HTTP/1.1 connection that pipelines up to {@code depth} requests: HTTP/1.1 answers
 * in order, so the send times wait in a ring and each response takes the oldest. Runs on its
 * channel's event loop only. An optional gate (the subscriber's run-ahead window) holds requests
 * back until their deliveries have arrived; a refused request frees its slot at once, since
 * nothing will be delivered for it.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {

    /** The requests one connection sends, in order; built on its event loop. */
    interface Requests {
        FullHttpRequest next(Channel channel, long sequence, long nowNanos);
    }

    private final Requests requests;
    private final int depth;
    private final long[] sentAt;
    private final RunAhead gate;
    private final HttpStats stats;
    private Channel channel;
    private volatile boolean running = true;
    private int oldest;
    private int inflight;
    private long sequence;
    private int status;
    private boolean retryScheduled;

    HttpConnection(Requests requests, int depth, RunAhead gate, HttpStats stats) {
        this.requests = requests;
        this.depth = depth;
        this.sentAt = new long[depth];
        this.gate = gate;
        this.stats = stats;
    }

    void start(Channel channel) {
        this.channel = channel;
        channel.eventLoop().execute(this::pump);
    }

    void stop() {
        running = false;
    }

    /** Requests not yet answered; read from the event loop or after it stopped. */
    int inflight() {
        return inflight;
    }

    private void pump() {
        int written = 0;
        while (running && inflight < depth && channel.isActive() && channel.isWritable()) {
            if (gate != null && !gate.tryAcquire(1)) {
                retryLater();
                break;
            }
            long now = System.nanoTime();
            channel.write(requests.next(channel, sequence++, now), channel.voidPromise());
            sentAt[(oldest + inflight) % depth] = now;
            inflight++;
            written++;
        }
        if (written > 0) {
            stats.sent.add(written);
            channel.flush();
        }
    }

    private void retryLater() {
        if (!retryScheduled) {
            retryScheduled = true;
            channel.eventLoop().schedule(() -> {
                retryScheduled = false;
                pump();
            }, 50, TimeUnit.MICROSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof HttpResponse response) {
                status = response.status().code();
            }
            if (message instanceof LastHttpContent) {
                answered();
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void answered() {
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sentAt[oldest]);
        stats.latencyMicros.recordValue(Math.max(0, micros));
        oldest = (oldest + 1) % depth;
        inflight--;
        if (status >= 200 && status < 300) {
            stats.succeeded.increment();
        } else {
            stats.failed.increment();
            stats.lastFailureStatus = status;
            if (gate != null) {
                gate.release(1);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        pump(); // one refill per read batch: the answers of a batch free their slots together
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        pump();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stats.closed.increment();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
