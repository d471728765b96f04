package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Open-loop publishing at a fixed rate, each payload stamped with System.nanoTime() at send:
 * every millisecond it sends whatever the schedule says is due, so a slow broker shows up as
 * latency, not as a slower sender.
 */
final class PacedPublisher implements LoadClient.Publishing {
    private final ByteBuf template;
    private final int payloadIndex;
    private final double perMillisecond;
    private final int idOffset;
    private final int qos;
    private final Stats stats;
    private Channel channel;
    private ScheduledFuture<?> ticker;
    private long startNanos;
    private long sent;
    private int nextId;
    private int inflight;
    private int maxInflight = 100;
    private boolean heldBack;

    PacedPublisher(ByteBuf template, int payloadIndex, int qos, double perSecond, Stats stats) {
        this.template = template;
        this.payloadIndex = payloadIndex;
        this.qos = qos;
        this.perMillisecond = perSecond / 1000.0;
        this.idOffset = Packets.packetIdOffset(template);
        this.stats = stats;
    }

    @Override
    public void start(Channel channel) {
        this.channel = channel;
        maxInflight = Math.min(maxInflight, channel.pipeline().get(LoadClient.class).receiveMaximum());
        startNanos = System.nanoTime();
        ticker = channel.eventLoop().scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    /**
     * Sends what the schedule says is due. Normally a payload carries its actual send time; while
     * the broker's Receive Maximum holds the publisher back, messages carry their scheduled send
     * time, so that waiting counts as latency (no coordinated omission) but the ticker's own
     * millisecond granularity does not.
     */
    private void tick() {
        double elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000.0;
        long due = (long) (elapsedMillis * perMillisecond) - sent;
        long written = 0;
        for (long i = 0; i < due && (qos == 0 || inflight < maxInflight); i++) {
            ByteBuf packet = channel.alloc().buffer(template.readableBytes()).writeBytes(template, 0, template.readableBytes());
            if (qos > 0) {
                nextId = nextId == 65_535 ? 1 : nextId + 1;
                packet.setShort(idOffset, nextId);
                inflight++;
            }
            long stamp = heldBack ? startNanos + (long) ((sent + written) / perMillisecond * 1_000_000.0) : System.nanoTime();
            packet.setLong(payloadIndex, stamp);
            channel.write(packet, channel.voidPromise());
            written++;
        }
        heldBack = written < due;
        if (written > 0) {
            sent += written;
            stats.sent.add(written);
            channel.flush();
        }
    }

    @Override
    public void onPuback() {
        inflight--;
    }

    @Override
    public void onWritable() {
    }
}
