package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.AllowAllAuthorizer;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.message.Delivery;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.routing.TrieSubscriptionIndex;
import dev.iotcorelocal.session.InMemorySessionStore;
import dev.iotcorelocal.session.ManualTime;
import dev.iotcorelocal.session.Session;
import dev.iotcorelocal.session.SessionOwner;
import dev.iotcorelocal.session.SessionRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Draining a subscriber's queue: bounded work per turn of its event loop, and nothing left behind. */
class OutboundFlowTest {
    private final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    private final SessionRegistry registry = new SessionRegistry(new InMemorySessionStore(),
            new TrieSubscriptionIndex(false), time, 10_000);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<EmbeddedChannel> otherChannels = new ArrayList<>();
    private final List<ByteBuf> taken = new ArrayList<>();
    private int wakes;
    private final SessionOwner owner = new SessionOwner() {
        @Override
        public void wake() {
            wakes++;
        }

        @Override
        public void takeOver() {
        }
    };

    @AfterEach
    void releaseWrittenPackets() {
        taken.forEach(ByteBuf::release);
        channel.finishAndReleaseAll();
        otherChannels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void aLongQueueGoesOutInBudgetedDrainsThatYieldToTheLoopBetweenThem() {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1 << 23, 1 << 24)); // never unwritable here
        Session session = registry.attach("sub", MqttVersion.V5, true, 0, owner).session();
        int messages = 2 * OutboundFlow.DRAIN_BUDGET + 500;
        for (int i = 0; i < messages; i++) {
            assertThat(session.offer(qos0(i))).isTrue();
        }
        OutboundFlow flow = new OutboundFlow(channel, session, owner, MqttVersion.V5, connect(),
                BrokerConfig.defaults().mqtt(), time.clock(), null, new AllowAllAuthorizer.AllowAllGrant(""));

        flow.drain();
        assertThat(channel.outboundMessages()).as("first turn").hasSize(OutboundFlow.DRAIN_BUDGET);
        channel.runScheduledPendingTasks();
        assertThat(channel.outboundMessages()).as("second turn").hasSize(2 * OutboundFlow.DRAIN_BUDGET);
        channel.runScheduledPendingTasks();
        assertThat(channel.outboundMessages()).as("the rest").hasSize(messages);
        assertThat(channel.runScheduledPendingTasks()).as("no drain left scheduled").isEqualTo(-1);

        assertThat(sequenceNumbers()).as("every message once, in order").isEqualTo(range(messages));
        assertThat(session.queuedCount()).isZero();
    }

    @Test
    void aDrainStoppedByABackedUpSocketStillLetsTheNextMessageWakeItOnceTheSocketFrees() {
        // Two queued messages fill the socket buffer; the flush then frees it at once (reporting
        // writability inside the drain) and leaves the queue empty.
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(150, 200));
        Session session = registry.attach("sub", MqttVersion.V5, true, 0, owner).session();
        session.offer(qos0(0));
        session.offer(qos0(1));
        assertThat(wakes).isEqualTo(1);
        OutboundFlow flow = new OutboundFlow(channel, session, owner, MqttVersion.V5, connect(),
                BrokerConfig.defaults().mqtt(), time.clock(), null, new AllowAllAuthorizer.AllowAllGrant(""));

        flow.drain();
        assertThat(channel.outboundMessages()).hasSize(2);
        assertThat(channel.isWritable()).isTrue();

        session.offer(qos0(2));
        assertThat(wakes).as("the new message wakes its subscriber; nothing else would deliver it").isEqualTo(2);
    }

    @Test
    void aBurstOfPubacksIsRefilledOnceAtTheEndOfTheReadBatchInOneFlush() {
        int[] flushes = {0};
        EmbeddedChannel counted = track(new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes[0]++;
                ctx.flush();
            }
        }));
        Session session = registry.attach("sub", MqttVersion.V5, true, 0, owner).session();
        for (int i = 0; i < 300; i++) {
            session.offer(qos1(i));
        }
        OutboundFlow flow = new OutboundFlow(counted, session, owner, MqttVersion.V5, connect(),
                BrokerConfig.defaults().mqtt(), time.clock(), null, new AllowAllAuthorizer.AllowAllGrant(""));
        flow.drain();
        assertThat(counted.outboundMessages()).as("AWS's in-flight window").hasSize(100);
        int flushesBefore = flushes[0];

        for (Object sent : List.copyOf(counted.outboundMessages()).subList(0, 50)) {
            flow.onPuback(packetId((ByteBuf) sent)); // 50 PUBACKs read in one batch
        }
        assertThat(counted.outboundMessages()).as("nothing refilled mid-batch").hasSize(100);
        flow.readBatchComplete();

        assertThat(counted.outboundMessages()).hasSize(150);
        assertThat(flushes[0] - flushesBefore).as("one flush for the whole refill").isEqualTo(1);
    }

    @Test
    void aResumedConnectionGetsTheUnacknowledgedMessagesInSendOrderWithDupAndTheirIds() {
        Session session = registry.attach("sub", MqttVersion.V5, true, 0, owner).session();
        OutboundFlow flow = new OutboundFlow(channel, session, owner, MqttVersion.V5, connect(),
                BrokerConfig.defaults().mqtt(), time.clock(), null, new AllowAllAuthorizer.AllowAllGrant(""));
        // Windows of AWS's 100 until packet ids wrap past 65,535 inside one window, which stays
        // unacknowledged (so send order differs from id order); the first message is never
        // acknowledged either. Earlier windows are acknowledged alternately in order and in reverse.
        int next = 0;
        List<Integer> stillInFlightIds = new ArrayList<>();
        List<Integer> stillInFlightSequence = new ArrayList<>();
        for (int round = 0; round < 1_000; round++) {
            int room = round == 0 ? 100 : 99; // the stuck first message keeps one slot
            for (int i = 0; i < room; i++) {
                session.offer(qos1(next++));
            }
            flow.drain();
            List<ByteBuf> window = takeWritten();
            assertThat(window).as("round %d", round).hasSize(room);
            if (round == 0) {
                stillInFlightIds.add(packetId(window.get(0)));
                stillInFlightSequence.add(0);
                window = window.subList(1, window.size());
            }
            if (packetId(window.get(0)) > packetId(window.get(window.size() - 1))) {
                for (ByteBuf publish : window) {
                    stillInFlightIds.add(packetId(publish));
                    stillInFlightSequence.add(qos1Sequence(publish));
                }
                break;
            }
            List<ByteBuf> acknowledged = new ArrayList<>(window);
            if (round % 2 == 1) {
                Collections.reverse(acknowledged);
            }
            acknowledged.forEach(publish -> flow.onPuback(packetId(publish)));
            flow.readBatchComplete();
        }
        assertThat(stillInFlightIds).as("a window with wrapped ids was found").hasSize(100);

        EmbeddedChannel resumed = track(new EmbeddedChannel());
        new OutboundFlow(resumed, session, owner, MqttVersion.V5, connect(), BrokerConfig.defaults().mqtt(),
                time.clock(), null, new AllowAllAuthorizer.AllowAllGrant("")).resumeInflight();

        List<Integer> resentIds = new ArrayList<>();
        List<Integer> resentSequence = new ArrayList<>();
        for (Object out : resumed.outboundMessages()) {
            ByteBuf publish = (ByteBuf) out;
            assertThat(publish.getUnsignedByte(0) & 0x08).as("DUP").isEqualTo(0x08);
            resentIds.add(packetId(publish));
            resentSequence.add(qos1Sequence(publish));
        }
        assertThat(resentIds).as("the ids they were first sent with").isEqualTo(stillInFlightIds);
        assertThat(resentSequence).as("send order: the stuck first message, then the last window")
                .isEqualTo(stillInFlightSequence).hasSize(100).startsWith(0, next - 99).endsWith(next - 1);
    }

    /** The packets written since the last call; released after the test. */
    private List<ByteBuf> takeWritten() {
        List<ByteBuf> written = new ArrayList<>();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            written.add((ByteBuf) out);
        }
        taken.addAll(written);
        return written;
    }

    private EmbeddedChannel track(EmbeddedChannel other) {
        otherChannels.add(other);
        return other;
    }

    /** The sequence number in the payload of a written MQTT 5 QoS 1 PUBLISH. */
    private static int qos1Sequence(ByteBuf publish) {
        int index = afterTopic(publish) + 2; // packet id
        index += 1 + propertiesLength(publish, index);
        return publish.getInt(index);
    }

    /** The sequence number each written MQTT 5 QoS 0 PUBLISH carries in its payload, in write order. */
    private List<Integer> sequenceNumbers() {
        List<Integer> numbers = new ArrayList<>();
        for (Object out : channel.outboundMessages()) {
            ByteBuf bytes = (ByteBuf) out;
            int index = afterTopic(bytes);
            index += 1 + propertiesLength(bytes, index); // QoS 0: no packet id; a one-byte properties length here
            numbers.add(bytes.getInt(index));
        }
        return numbers;
    }

    /** The packet identifier of a written QoS 1 PUBLISH. */
    private static int packetId(ByteBuf publish) {
        assertThat(publish.getUnsignedByte(0) & 0xF6).as("PUBLISH, QoS 1").isEqualTo(0x32);
        return publish.getUnsignedShort(afterTopic(publish));
    }

    private static int afterTopic(ByteBuf publish) {
        int index = 1;
        while ((publish.getByte(index) & 0x80) != 0) { // remaining length, a variable byte integer
            index++;
        }
        index++;
        return index + 2 + publish.getUnsignedShort(index);
    }

    private static int propertiesLength(ByteBuf publish, int index) {
        int length = publish.getUnsignedByte(index);
        assertThat(length).as("short properties").isLessThan(0x80);
        return length;
    }

    private static List<Integer> range(int n) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    private static Delivery qos0(int sequence) {
        byte[] payload = ByteBuffer.allocate(4).putInt(sequence).array();
        return new Delivery(new Message("t", payload, 0, false, PublishProperties.EMPTY, Message.NEVER, "pub"), 0, false);
    }

    private static Delivery qos1(int sequence) {
        byte[] payload = ByteBuffer.allocate(4).putInt(sequence).array();
        return new Delivery(new Message("t", payload, 1, false, PublishProperties.EMPTY, Message.NEVER, "pub"), 1, false);
    }

    private static Connect connect() {
        return new Connect(MqttVersion.V5, "sub", true, 60, null, null, null, 0, 65_535, 0, 0, false, true, null, null,
                List.of());
    }
}
