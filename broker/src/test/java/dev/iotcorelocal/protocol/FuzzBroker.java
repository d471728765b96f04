package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.AllowAllAuthorizer;
import dev.iotcorelocal.auth.ClientIdentity;
import dev.iotcorelocal.codec.MqttFrameDecoder;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.delivery.Router;
import dev.iotcorelocal.limits.ConnectRateLimiter;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.routing.RetainedStore;
import dev.iotcorelocal.routing.TrieSubscriptionIndex;
import dev.iotcorelocal.session.InMemorySessionStore;
import dev.iotcorelocal.session.ManualTime;
import dev.iotcorelocal.session.Session;
import dev.iotcorelocal.session.SessionRegistry;
import dev.iotcorelocal.session.SessionStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The real broker core (router, registry, index, the production pipeline of each connection) on
 * EmbeddedChannels, driven from one thread, for the connection fuzzer. Each client slot is one
 * connection at a time; a slot whose connection closed gets a new one on its next packet.
 * Everything a connection writes is checked by an {@link OutboundOracle} and released.
 */
final class FuzzBroker {
    static final List<String> CLIENT_IDS = List.of("a", "b", "c");
    static final int SLOTS = 3;
    private static final int SETTLE_ROUNDS = 64;

    /** Immutable, so shared: building the defaults (YAML, validation) per input was most of an input's cost. */
    private static final BrokerConfig DEFAULTS = BrokerConfig.defaults();
    private final BrokerConfig config = DEFAULTS;
    private final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    private final TrieSubscriptionIndex index = new TrieSubscriptionIndex(config.mqtt().hashMatchesParent());
    private final Set<String> clientIds = new LinkedHashSet<>(); // every ID a session was stored under
    private final SessionRegistry registry = new SessionRegistry(new SessionStore() {
        private final InMemorySessionStore store = new InMemorySessionStore();

        @Override
        public Session get(String clientId) {
            return store.get(clientId);
        }

        @Override
        public Session compute(String clientId, BiFunction<String, Session, Session> function) {
            clientIds.add(clientId); // a mangled CONNECT can bring any client ID
            return store.compute(clientId, function);
        }

        @Override
        public int size() {
            return store.size();
        }
    }, index, time, config.sessions().queueCapacity());
    private final ProtocolContext context;
    private final EmbeddedChannel[] channels = new EmbeddedChannel[SLOTS];
    private final OutboundOracle[] oracles = new OutboundOracle[SLOTS];
    private final List<EmbeddedChannel> closed = new ArrayList<>();
    private final List<ByteBuf> handedIn = new ArrayList<>();

    FuzzBroker() {
        AllowAllAuthorizer authorizer = new AllowAllAuthorizer();
        Router router = new Router(index, registry, new RetainedStore<Message>(), time.clock());
        registry.sharedRedelivery(router::redeliverShared);
        context = new ProtocolContext(config.mqtt(), config.sessions(), config.limits(), registry, router, index,
                authorizer, new ConnectRateLimiter(0, 0), time.clock());
    }

    /** Writes the bytes to the slot's connection (opening one if needed), in two reads at {@code split}. */
    void send(int slot, byte[] bytes, int split) {
        EmbeddedChannel channel = open(slot);
        int first = Math.max(0, Math.min(split, bytes.length));
        write(channel, bytes, 0, first);
        if (channel.isOpen()) {
            write(channel, bytes, first, bytes.length - first);
        }
        settle();
    }

    /** The client closes its socket. */
    void close(int slot) {
        EmbeddedChannel channel = channels[slot];
        if (channel != null) {
            channel.close();
            settle();
        }
    }

    void advance(Duration duration) {
        time.advance(duration);
        settle();
    }

    /** Closes every connection and lets every session and delayed Will expire. */
    void closeAllAndExpire() {
        for (int slot = 0; slot < SLOTS; slot++) {
            close(slot);
        }
        advance(Duration.ofSeconds(config.sessions().maximumSessionExpiry() + 1));
    }

    SessionRegistry registry() {
        return registry;
    }

    TrieSubscriptionIndex index() {
        return index;
    }

    /** The sessions that exist now. */
    List<Session> sessions() {
        return clientIds.stream().map(registry::get).filter(Objects::nonNull).toList();
    }

    /** Buffers handed to the pipeline and still unreleased, once every connection is closed. */
    long unreleasedInbound() {
        return handedIn.stream().filter(b -> b.refCnt() != 0).count();
    }

    private EmbeddedChannel open(int slot) {
        EmbeddedChannel channel = channels[slot];
        if (channel == null || !channel.isOpen()) {
            channel = new EmbeddedChannel(new MqttFrameDecoder(config.mqtt().maximumPacketSize()),
                    new MqttChannelHandler(context, ch -> ClientIdentity.ANONYMOUS, config.transport()));
            channels[slot] = channel;
            oracles[slot] = new OutboundOracle();
        }
        return channel;
    }

    private void write(EmbeddedChannel channel, byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(length).writeBytes(bytes, offset, length);
        handedIn.add(buf);
        channel.writeInbound(buf);
        if (channel.readInbound() != null) {
            throw new AssertionError("the connection handler passed a message on past itself");
        }
    }

    /**
     * Runs every connection's queued tasks (deliveries wake other connections through their event
     * loop) until none is left, checking what each wrote. Exceptions recorded by a channel are thrown.
     */
    private void settle() {
        for (int round = 0; round < SETTLE_ROUNDS; round++) {
            boolean busy = false;
            for (int slot = 0; slot < SLOTS; slot++) {
                EmbeddedChannel channel = channels[slot];
                if (channel == null) {
                    continue;
                }
                channel.runPendingTasks();
                channel.checkException();
                for (Object out; (out = channel.readOutbound()) != null; ) {
                    oracles[slot].check(out);
                    busy = true;
                }
                if (!channel.isOpen() && !closed.contains(channel)) {
                    closed.add(channel);
                    channel.finishAndReleaseAll();
                    oracles[slot].close();
                    busy = true;
                }
            }
            if (!busy) {
                return;
            }
        }
        throw new AssertionError("connections still busy after " + SETTLE_ROUNDS + " rounds of their tasks");
    }
}
