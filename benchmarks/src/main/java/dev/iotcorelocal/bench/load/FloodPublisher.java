package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.concurrent.TimeUnit;

/**
 * Publishes as fast as the run-ahead window, the socket and (QoS 1) the in-flight window allow.
 * QoS 0 writes duplicates of one encoded packet; QoS 1 copies it and sets the packet id.
 */
final class FloodPublisher implements LoadClient.Publishing {
    private static final int BATCH = 128;

    private final ByteBuf template;
    private final int qos;
    private final int fanout;
    private int maxInflight;
    private final RunAhead runAhead;
    private final Stats stats;
    private final int idOffset;
    private Channel channel;
    private volatile boolean running = true;
    private int inflight;
    private int nextId;
    private boolean retryScheduled;

    FloodPublisher(ByteBuf template, int qos, int fanout, int maxInflight, RunAhead runAhead, Stats stats) {
        this.template = template;
        this.qos = qos;
        this.fanout = fanout;
        this.maxInflight = maxInflight;
        this.runAhead = runAhead;
        this.stats = stats;
        this.idOffset = Packets.packetIdOffset(template);
    }

    @Override
    public void start(Channel channel) {
        this.channel = channel;
        LoadClient client = channel.pipeline().get(LoadClient.class);
        maxInflight = Math.min(maxInflight, client.receiveMaximum()); // never exceed the broker's Receive Maximum
        channel.eventLoop().execute(this::pump);
    }

    void stop() {
        running = false;
    }

    @Override
    public void onPuback() {
        inflight--;
        pump();
    }

    @Override
    public void onWritable() {
        pump();
    }

    private void pump() {
        int written = 0;
        while (running && written < BATCH && channel.isWritable() && (qos == 0 || inflight < maxInflight)) {
            if (!runAhead.tryAcquire(fanout)) {
                retryLater();
                break;
            }
            if (qos == 0) {
                channel.write(template.retainedDuplicate(), channel.voidPromise());
            } else {
                ByteBuf packet = channel.alloc().buffer(template.readableBytes()).writeBytes(template, 0, template.readableBytes());
                nextId = nextId == 65_535 ? 1 : nextId + 1;
                packet.setShort(idOffset, nextId);
                inflight++;
                channel.write(packet, channel.voidPromise());
            }
            written++;
        }
        if (written > 0) {
            stats.sent.add(written);
            channel.flush();
            if (written == BATCH) {
                channel.eventLoop().execute(this::pump); // let other connections on this loop run
            }
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
}
