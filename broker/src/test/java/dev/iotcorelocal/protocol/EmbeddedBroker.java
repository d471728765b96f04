package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.AllowAllAuthorizer;
import dev.iotcorelocal.auth.Authorizer;
import dev.iotcorelocal.auth.ClientIdentity;
import dev.iotcorelocal.codec.MqttFrameDecoder;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.delivery.Router;
import dev.iotcorelocal.events.LifecycleEvents;
import dev.iotcorelocal.limits.ConnectRateLimiter;
import dev.iotcorelocal.limits.ConnectRefusalLog;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.routing.RetainedStore;
import dev.iotcorelocal.routing.TrieSubscriptionIndex;
import dev.iotcorelocal.session.InMemorySessionStore;
import dev.iotcorelocal.session.ManualTime;
import dev.iotcorelocal.session.SessionRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The broker's protocol stack on in-memory channels: each client is an {@link EmbeddedChannel}
 * with its own event loop whose tasks and timers run only when the test says so, which makes
 * cross-loop orders (a takeover against the old connection's input) exact. Session time is a
 * {@link ManualTime}. Close every client ({@link #close}) so that no buffer is left unreleased.
 */
final class EmbeddedBroker implements AutoCloseable {
    final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    final BrokerConfig config;
    final ProtocolContext context;
    final SessionRegistry registry;
    private final List<Client> clients = new ArrayList<>();

    EmbeddedBroker() {
        this(UnaryOperator.identity());
    }

    EmbeddedBroker(UnaryOperator<BrokerConfig> customizer) {
        this(customizer, new ConnectRefusalLog());
    }

    EmbeddedBroker(UnaryOperator<BrokerConfig> customizer, ConnectRefusalLog connectRefusals) {
        this(customizer, connectRefusals, new AllowAllAuthorizer());
    }

    /** With an authorizer of the test's; clients connect without a certificate (the plain listener). */
    EmbeddedBroker(Authorizer authorizer) {
        this(UnaryOperator.identity(), new ConnectRefusalLog(), authorizer);
    }

    EmbeddedBroker(UnaryOperator<BrokerConfig> customizer, ConnectRefusalLog connectRefusals, Authorizer authorizer) {
        config = customizer.apply(BrokerConfig.defaults());
        TrieSubscriptionIndex index = new TrieSubscriptionIndex(config.mqtt().hashMatchesParent());
        registry = new SessionRegistry(new InMemorySessionStore(), index, time, config.sessions().queueCapacity());
        Router router = new Router(index, registry, new RetainedStore<Message>(config.memory().retainedMaxMessages(),
                config.memory().retainedMaxBytes(), message -> message.payload().length, time.clock()::millis),
                time.clock());
        registry.sharedRedelivery(router::redeliverShared);
        context = new ProtocolContext(config.mqtt(), config.sessions(), config.limits(), registry, router, index,
                authorizer, new ConnectRateLimiter(config.limits().connectsPerSecond(), config.limits().connectBurst()),
                time.clock(), connectRefusals, new LifecycleEvents(router::route, time.clock()));
    }

    /** A new connection; nothing sent yet. */
    Client client() {
        Client client = new Client();
        clients.add(client);
        return client;
    }

    /** A connection that sent this CONNECT and was answered with CONNACK 0x00. */
    Client connected(byte[] connect) {
        Client client = client();
        client.send(connect);
        SentPacket connack = client.next();
        if (connack.type() != SentPacket.CONNACK || connack.reasonCode() != 0) {
            throw new AssertionError("not connected: " + connack);
        }
        return client;
    }

    /** A subscriber of {@code filter} at QoS 0, connected with Clean Start and no session expiry. */
    Client subscriber(String clientId, String filter) {
        Client client = connected(MqttBytes.connect(clientId, true, 60, 0, 0));
        client.send(MqttBytes.subscribe(1, filter, 0));
        SentPacket suback = client.next();
        if (suback.type() != SentPacket.SUBACK) {
            throw new AssertionError("no SUBACK: " + suback);
        }
        return client;
    }

    @Override
    public void close() {
        clients.forEach(Client::close);
    }

    /**
     * One client connection. The head of its pipeline can stall: flushes are then held, which
     * is what a client that stops reading does to the socket (written bytes stay queued, the
     * channel turns unwritable, a write's promise never completes).
     */
    final class Client {
        final EmbeddedChannel channel;
        private final List<SentPacket> received = new ArrayList<>();
        private boolean stalled;
        private long maxQueuedBytes;

        private Client() {
            channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                    ctx.write(msg, promise);
                    maxQueuedBytes = Math.max(maxQueuedBytes, queuedBytes());
                }

                @Override
                public void flush(ChannelHandlerContext ctx) {
                    if (!stalled) {
                        ctx.flush();
                    }
                }
            }, new MqttFrameDecoder(config.mqtt().maximumPacketSize()),
                    new MqttChannelHandler(context, ch -> ClientIdentity.ANONYMOUS, config.transport()));
            channel.freezeTime();
        }

        /** One read batch holding these bytes; then this loop's due tasks run. */
        Client send(byte[] bytes) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes));
            return this;
        }

        /** Runs the tasks other loops posted to this one (wake-ups, takeovers). */
        Client runTasks() {
            channel.runPendingTasks();
            return this;
        }

        /** Moves this connection's event loop clock and runs the timers then due. */
        Client advance(long millis) {
            channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            return this;
        }

        /** The client stops reading; the socket's water marks are those of the broker's transport config. */
        void stall() {
            channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(config.transport().writeBufferLowWaterMark(),
                    config.transport().writeBufferHighWaterMark()));
            stalled = true;
        }

        /** The client reads again: everything held goes out. */
        void resume() {
            stalled = false;
            channel.flush();
        }

        /** Every packet received so far that was not taken yet. */
        List<SentPacket> packets() {
            channel.runPendingTasks();
            for (Object out; (out = channel.readOutbound()) != null; ) {
                ByteBuf bytes = (ByteBuf) out;
                byte[] copy = new byte[bytes.readableBytes()];
                bytes.readBytes(copy);
                bytes.release();
                received.add(new SentPacket(copy));
            }
            List<SentPacket> taken = List.copyOf(received);
            received.clear();
            return taken;
        }

        /** The next packet received. */
        SentPacket next() {
            if (received.isEmpty()) {
                received.addAll(packets());
            }
            if (received.isEmpty()) {
                throw new AssertionError("no packet received");
            }
            return received.remove(0);
        }

        /** The PUBLISHes received so far, as topic=payload. */
        List<String> publishes() {
            return packets().stream().filter(p -> p.type() == SentPacket.PUBLISH)
                    .map(p -> p.topic() + "=" + p.payload()).toList();
        }

        boolean isOpen() {
            return channel.isOpen();
        }

        /** Bytes written to this connection that the client has not taken. */
        long queuedBytes() {
            return channel.unsafe().outboundBuffer() == null ? 0 : channel.unsafe().outboundBuffer().totalPendingWriteBytes();
        }

        /** The most bytes ever queued to this connection at once. */
        long maxQueuedBytes() {
            return maxQueuedBytes;
        }

        void close() {
            stalled = false;
            channel.finishAndReleaseAll();
        }
    }
}
