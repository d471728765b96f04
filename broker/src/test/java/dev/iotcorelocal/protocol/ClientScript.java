package dev.iotcorelocal.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.iotcorelocal.codec.ClientPacketEncoder;
import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.Disconnect;
import dev.iotcorelocal.packet.MqttPacket;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PacketType;
import dev.iotcorelocal.packet.PingReq;
import dev.iotcorelocal.packet.PubReply;
import dev.iotcorelocal.packet.Publish;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.Subscribe;
import dev.iotcorelocal.packet.SubscriptionRequest;
import dev.iotcorelocal.packet.Unsubscribe;
import dev.iotcorelocal.packet.UserProperty;
import dev.iotcorelocal.packet.Will;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns fuzzer bytes into what clients do: mostly valid packets from small vocabularies (three
 * client IDs, a few topics and filters, so that sessions, takeovers, overlapping and shared
 * subscriptions and deliveries actually meet), some mangled or raw, split at any byte, with
 * closes and the passing of time between them.
 */
final class ClientScript {
    private static final int MAX_STEPS = 40;
    private static final String[] TOPICS = {"t", "t/a", "t/a/b", "$aws/things/x/shadow/update", "u", ""};
    private static final String[] FILTERS = {"t", "t/#", "t/+", "#", "+/a", "$share/g/t/#", "$share/g/#", "u", "t/a/b"};
    private static final long[] EXPIRIES = {0, 30, 3600, 0xFFFFFFFFL};
    private static final long[] SECONDS = {1, 5, 31, 3601};
    private static final ReasonCode[] DISCONNECT_REASONS = {ReasonCode.SUCCESS, ReasonCode.DISCONNECT_WITH_WILL,
            ReasonCode.UNSPECIFIED_ERROR};
    private static final UnpooledByteBufAllocator HEAP = new UnpooledByteBufAllocator(false, true);

    private final FuzzedDataProvider data;
    private final FuzzBroker broker;
    private final MqttVersion[] versions = new MqttVersion[FuzzBroker.SLOTS];
    private final List<Supplier<String>> steps = new ArrayList<>(); // rendered only when a check fails

    ClientScript(FuzzedDataProvider data, FuzzBroker broker) {
        this.data = data;
        this.broker = broker;
        java.util.Arrays.fill(versions, MqttVersion.V5);
    }

    void run() {
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            int slot = data.consumeInt(0, FuzzBroker.SLOTS - 1);
            switch (data.consumeInt(0, 9)) {
                case 0 -> {
                    steps.add(() -> slot + ": close");
                    broker.close(slot);
                }
                case 1 -> {
                    long seconds = data.pickValue(SECONDS);
                    steps.add(() -> "time +" + seconds + " s");
                    broker.advance(Duration.ofSeconds(seconds));
                }
                case 2 -> {
                    byte[] raw = data.consumeBytes(data.consumeInt(0, 64));
                    steps.add(() -> slot + ": raw " + ByteBufUtil.hexDump(raw));
                    broker.send(slot, raw, data.consumeInt(0, 64));
                }
                case 3 -> send(slot, connect(slot));
                case 4 -> sendMangled(slot, packet(slot));
                default -> send(slot, packet(slot));
            }
        }
    }

    /** What the clients did, one step a line, for a failure's message. */
    String trace() {
        StringBuilder out = new StringBuilder();
        steps.forEach(step -> out.append("\n  ").append(step.get()));
        return out.toString();
    }

    private void send(int slot, MqttPacket packet) {
        steps.add(() -> slot + ": " + packet);
        byte[] bytes = encode(packet, versions[slot]);
        broker.send(slot, bytes, data.consumeBoolean() ? bytes.length : data.consumeInt(0, bytes.length));
    }

    private void sendMangled(int slot, MqttPacket packet) {
        byte[] bytes = encode(packet, versions[slot]);
        for (int flips = data.consumeInt(1, 3); flips > 0 && bytes.length > 0; flips--) {
            bytes[data.consumeInt(0, bytes.length - 1)] = data.consumeByte();
        }
        steps.add(() -> slot + ": mangled " + packet + " as " + ByteBufUtil.hexDump(bytes));
        broker.send(slot, bytes, bytes.length);
    }

    private MqttPacket packet(int slot) {
        return switch (data.consumeInt(0, 6)) {
            case 0 -> connect(slot);
            case 1 -> subscribe();
            case 2 -> new Unsubscribe(packetId(), filters(), List.of());
            case 3 -> new PubReply(data.pickValue(new PacketType[] {PacketType.PUBACK, PacketType.PUBACK,
                    PacketType.PUBREC, PacketType.PUBREL, PacketType.PUBCOMP}), packetId(), ReasonCode.SUCCESS, null, List.of());
            case 4 -> PingReq.INSTANCE;
            case 5 -> new Disconnect(data.pickValue(DISCONNECT_REASONS),
                    data.consumeBoolean() ? null : data.pickValue(EXPIRIES), null, null, List.of());
            default -> publish();
        };
    }

    private Connect connect(int slot) {
        MqttVersion version = data.consumeBoolean() ? MqttVersion.V5 : MqttVersion.V3_1_1;
        versions[slot] = version;
        Will will = data.consumeBoolean() ? null : new Will(topic(), data.consumeBytes(8), data.consumeInt(0, 1),
                data.consumeBoolean(), data.consumeBoolean() ? 0 : data.pickValue(SECONDS), PublishProperties.EMPTY);
        boolean v5 = version.isV5();
        return new Connect(version, data.pickValue(FuzzBroker.CLIENT_IDS), data.consumeBoolean(),
                data.pickValue(new int[] {0, 1, 60}), null, null, will,
                v5 ? data.pickValue(EXPIRIES) : 0, v5 ? data.pickValue(new int[] {1, 2, 65_535}) : 65_535,
                v5 ? data.pickValue(new long[] {0, 40, 200}) : 0, v5 ? data.consumeInt(0, 2) : 0,
                false, !v5 || data.consumeBoolean(), null, null, List.of());
    }

    private Subscribe subscribe() {
        List<SubscriptionRequest> requests = new ArrayList<>();
        for (String filter : filters()) {
            requests.add(new SubscriptionRequest(filter, data.consumeInt(0, 2), data.consumeBoolean(),
                    data.consumeBoolean(), data.consumeInt(0, 2)));
        }
        return new Subscribe(packetId(), requests, data.consumeBoolean() ? 0 : data.consumeInt(1, 3),
                data.consumeBoolean() ? List.of() : List.of(new UserProperty("k", "v")));
    }

    private Publish publish() {
        int qos = data.consumeInt(0, 2);
        int alias = data.consumeBoolean() ? 0 : data.consumeInt(1, 3);
        Long expiry = data.consumeBoolean() ? null : (long) data.consumeInt(0, 40);
        PublishProperties properties = new PublishProperties(null, expiry, alias, null, null, List.of(), List.of(), null);
        return new Publish(topic(), qos, data.consumeBoolean(), qos > 0 && data.consumeBoolean(), qos > 0 ? packetId() : 0,
                properties, data.consumeBytes(data.consumeInt(0, 48)));
    }

    private List<String> filters() {
        List<String> filters = new ArrayList<>();
        for (int n = data.consumeInt(1, 3); n > 0; n--) {
            filters.add(data.pickValue(FILTERS));
        }
        return filters;
    }

    private String topic() {
        return data.pickValue(TOPICS);
    }

    private int packetId() {
        return data.consumeInt(1, 4);
    }

    private static byte[] encode(MqttPacket packet, MqttVersion version) {
        ByteBuf buf = ClientPacketEncoder.encode(HEAP, packet, version);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
