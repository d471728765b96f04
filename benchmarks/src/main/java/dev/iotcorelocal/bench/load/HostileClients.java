package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak's attackers, each bounded in count and rate and stopped by {@link #close}: a subscriber
 * that never reads, slowloris connections trickling one byte a second of a declared 16 KB
 * PUBLISH, a client flooding PINGREQ without reading a PINGRESP, and a storm of connections
 * taking one client ID over from each other. They run on their own connector, so that the normal
 * clients' latency measures the broker and not the driver.
 */
final class HostileClients implements AutoCloseable {
    private static final int SLOWLORIS_DECLARED_BYTES = 16 * 1024;
    private static final int PINGS_PER_TICK = 256;

    final LongAdder pingsSent = new LongAdder();
    final LongAdder slowlorisBytes = new LongAdder();
    final AtomicInteger takeovers = new AtomicInteger();
    private final Target target;
    private final Connector connector;
    private final String run;
    private final List<Channel> channels = new ArrayList<>();
    private final List<ScheduledFuture<?>> tickers = new ArrayList<>();
    private Channel nonReader;
    private Channel pingFlooder;
    private final List<Channel> slowloris = new ArrayList<>();

    HostileClients(Target target, String run, int threads) {
        this.target = target;
        this.run = run;
        this.connector = new Connector(target, threads);
    }

    /** Subscribes to the given filters (QoS 1 then QoS 0 for the rest), then never reads again. */
    void startNonReader(String qos1Filter, String qos0Filter) throws Exception {
        LoadClient client = new LoadClient(new Stats(), null, target.version());
        nonReader = connector.connect(client, "soak-nonreader-" + run, 600, null).get(30, TimeUnit.SECONDS);
        channels.add(nonReader);
        nonReader.writeAndFlush(Packets.subscribe(nonReader.alloc(), target.version(), 1, qos1Filter, 1));
        client.subscribed.get(30, TimeUnit.SECONDS);
        nonReader.writeAndFlush(Packets.subscribe(nonReader.alloc(), target.version(), 2, qos0Filter, 0));
        // Its second SUBACK is not awaited: whether it is read before reading stops does not matter.
        Channel channel = nonReader;
        channel.eventLoop().schedule(() -> channel.config().setAutoRead(false), 200, TimeUnit.MILLISECONDS);
    }

    /**
     * {@code count} connections that CONNECT with the given keep-alive, then start a PUBLISH that
     * declares 16 KB and send one byte of it per second: only complete packets should count as
     * activity, so a broker closes them after 1.5 keep-alives.
     */
    void startSlowloris(int count, int keepAliveSeconds) throws Exception {
        for (int i = 0; i < count; i++) {
            Channel channel = connector.connect(new LoadClient(new Stats(), null, target.version()),
                    "soak-slowloris-" + run + "-" + i, keepAliveSeconds, null).get(30, TimeUnit.SECONDS);
            channels.add(channel);
            slowloris.add(channel);
            ByteBuf header = channel.alloc().buffer(4).writeByte(0x30);
            for (int value = SLOWLORIS_DECLARED_BYTES; ; ) { // remaining length as a variable byte integer
                int digit = value & 0x7F;
                value >>>= 7;
                header.writeByte(value > 0 ? digit | 0x80 : digit);
                if (value == 0) {
                    break;
                }
            }
            channel.writeAndFlush(header);
            tickers.add(channel.eventLoop().scheduleAtFixedRate(() -> {
                if (channel.isActive()) {
                    channel.writeAndFlush(channel.alloc().buffer(1).writeByte(0));
                    slowlorisBytes.increment();
                }
            }, 1, 1, TimeUnit.SECONDS));
        }
    }

    /** PINGREQs as fast as this client's own socket takes them (at most 256 per millisecond); it never reads. */
    void startPingFlood() throws Exception {
        pingFlooder = connector.connect(new LoadClient(new Stats(), null, target.version()),
                "soak-pingflood-" + run, 600, null).get(30, TimeUnit.SECONDS);
        channels.add(pingFlooder);
        pingFlooder.config().setAutoRead(false);
        Channel channel = pingFlooder;
        tickers.add(channel.eventLoop().scheduleAtFixedRate(() -> {
            int sent = 0;
            while (sent < PINGS_PER_TICK && channel.isActive() && channel.isWritable()) {
                channel.write(channel.alloc().buffer(2).writeByte(0xC0).writeByte(0), channel.voidPromise());
                sent++;
            }
            if (sent > 0) {
                channel.flush();
                pingsSent.add(sent);
            }
        }, 1, 1, TimeUnit.MILLISECONDS));
    }

    /** Every {@code periodMillis}, a new connection with the same client ID takes the session over. */
    void startTakeoverStorm(int periodMillis, int maxConnections) {
        String clientId = "soak-storm-" + run;
        Channel scheduler = nonReader != null ? nonReader : pingFlooder;
        tickers.add(scheduler.eventLoop().scheduleAtFixedRate(() -> {
            if (takeovers.get() >= maxConnections) {
                return;
            }
            takeovers.incrementAndGet();
            connector.connect(new LoadClient(new Stats(), null, target.version()), clientId, 60, null)
                    .whenComplete((channel, failure) -> {
                        if (channel != null) {
                            channel.writeAndFlush(Packets.subscribe(channel.alloc(), target.version(), 1,
                                    "soak/" + run + "/storm/#", 1));
                            channel.eventLoop().schedule(() -> channel.close(), 10, TimeUnit.SECONDS); // bound
                        }
                    });
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS));
    }

    boolean nonReaderConnected() {
        return nonReader != null && nonReader.isActive();
    }

    boolean pingFlooderConnected() {
        return pingFlooder != null && pingFlooder.isActive();
    }

    long slowlorisConnected() {
        return slowloris.stream().filter(Channel::isActive).count();
    }

    @Override
    public void close() {
        tickers.forEach(t -> t.cancel(false));
        channels.forEach(Channel::close);
        connector.close();
    }
}
