package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.MqttPacket;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PingReq;
import dev.iotcorelocal.packet.Subscribe;
import dev.iotcorelocal.packet.SubscriptionRequest;
import dev.iotcorelocal.packet.Unsubscribe;
import dev.iotcorelocal.packet.Will;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import static dev.iotcorelocal.codec.PropertyId.*;

/**
 * The packets only clients send, for tests, fuzzers and benchmarks: the broker never writes them,
 * so they live in the test fixtures (shipped in the broker's test jar) rather than its main code.
 * It sits in the codec package to reuse the codec's package-private writers rather than making
 * them public API of the broker.
 */
public final class ClientPacketEncoder {
    private ClientPacketEncoder() {
    }

    /** Any packet a client sends: the client-only ones here, the rest through the broker's encoder. */
    public static ByteBuf encode(ByteBufAllocator alloc, MqttPacket packet, MqttVersion version) {
        if (packet instanceof Connect c) {
            return connect(alloc, c);
        }
        if (packet instanceof Subscribe s) {
            return subscribe(alloc, s, version);
        }
        if (packet instanceof Unsubscribe u) {
            return unsubscribe(alloc, u, version);
        }
        if (packet instanceof PingReq) {
            return alloc.ioBuffer(2).writeByte(0xC0).writeByte(0);
        }
        return PacketEncoder.encode(alloc, packet, version, 0);
    }

    public static ByteBuf connect(ByteBufAllocator alloc, Connect c) {
        boolean v5 = c.version().isV5();
        Will will = c.will();
        int props = v5 ? connectPropertiesLength(c) : -1;
        int willProps = v5 && will != null ? willPropertiesLength(will) : -1;
        int remaining = 6 + 1 + 1 + 2 + (props >= 0 ? MqttWriter.vbiSize(props) + props : 0)
                + MqttWriter.utf8Size(c.clientId())
                + (will == null ? 0 : (willProps >= 0 ? MqttWriter.vbiSize(willProps) + willProps : 0)
                + MqttWriter.utf8Size(will.topic()) + MqttWriter.binarySize(will.payload()))
                + (c.username() == null ? 0 : MqttWriter.utf8Size(c.username()))
                + (c.password() == null ? 0 : MqttWriter.binarySize(c.password()));
        ByteBuf buf = alloc.ioBuffer(MqttWriter.fixedHeaderSize(remaining) + remaining);
        buf.writeByte(0x10);
        MqttWriter.writeVbi(buf, remaining);
        MqttWriter.writeUtf8(buf, "MQTT");
        buf.writeByte(c.version().level());
        buf.writeByte(connectFlags(c));
        buf.writeShort(c.keepAlive());
        if (v5) {
            MqttWriter.writeVbi(buf, props);
            writeConnectProperties(buf, c);
        }
        MqttWriter.writeUtf8(buf, c.clientId());
        if (will != null) {
            if (v5) {
                MqttWriter.writeVbi(buf, willProps);
                if (will.delayInterval() > 0) {
                    PropertyWriter.writeU32(buf, WILL_DELAY_INTERVAL, will.delayInterval());
                }
                PublishEncoder.writeProperties(buf, will.properties());
            }
            MqttWriter.writeUtf8(buf, will.topic());
            MqttWriter.writeBinary(buf, will.payload());
        }
        if (c.username() != null) {
            MqttWriter.writeUtf8(buf, c.username());
        }
        if (c.password() != null) {
            MqttWriter.writeBinary(buf, c.password());
        }
        return buf;
    }

    private static int connectFlags(Connect c) {
        int flags = c.cleanStart() ? 0x02 : 0;
        if (c.will() != null) {
            flags |= 0x04 | (c.will().qos() << 3) | (c.will().retain() ? 0x20 : 0);
        }
        if (c.password() != null) {
            flags |= 0x40;
        }
        if (c.username() != null) {
            flags |= 0x80;
        }
        return flags;
    }

    private static int connectPropertiesLength(Connect c) {
        return (c.sessionExpiryInterval() > 0 ? 5 : 0)
                + (c.receiveMaximum() != 65_535 ? 3 : 0)
                + (c.maximumPacketSize() > 0 ? 5 : 0)
                + (c.topicAliasMaximum() > 0 ? 3 : 0)
                + (c.requestResponseInformation() ? 2 : 0)
                + (c.requestProblemInformation() ? 0 : 2)
                + PropertyWriter.stringSize(c.authenticationMethod())
                + PropertyWriter.binarySize(c.authenticationData())
                + PropertyWriter.userPropertiesSize(c.userProperties());
    }

    private static void writeConnectProperties(ByteBuf buf, Connect c) {
        if (c.sessionExpiryInterval() > 0) {
            PropertyWriter.writeU32(buf, SESSION_EXPIRY_INTERVAL, c.sessionExpiryInterval());
        }
        if (c.receiveMaximum() != 65_535) {
            PropertyWriter.writeU16(buf, RECEIVE_MAXIMUM, c.receiveMaximum());
        }
        if (c.maximumPacketSize() > 0) {
            PropertyWriter.writeU32(buf, MAXIMUM_PACKET_SIZE, c.maximumPacketSize());
        }
        if (c.topicAliasMaximum() > 0) {
            PropertyWriter.writeU16(buf, TOPIC_ALIAS_MAXIMUM, c.topicAliasMaximum());
        }
        if (c.requestResponseInformation()) {
            PropertyWriter.writeByte(buf, REQUEST_RESPONSE_INFORMATION, 1);
        }
        if (!c.requestProblemInformation()) {
            PropertyWriter.writeByte(buf, REQUEST_PROBLEM_INFORMATION, 0);
        }
        PropertyWriter.writeString(buf, AUTHENTICATION_METHOD, c.authenticationMethod());
        PropertyWriter.writeBinary(buf, AUTHENTICATION_DATA, c.authenticationData());
        PropertyWriter.writeUserProperties(buf, c.userProperties());
    }

    private static int willPropertiesLength(Will will) {
        return (will.delayInterval() > 0 ? 5 : 0) + PublishEncoder.propertiesLength(will.properties());
    }

    public static ByteBuf subscribe(ByteBufAllocator alloc, Subscribe s, MqttVersion version) {
        boolean v5 = version.isV5();
        int props = v5 ? (s.subscriptionIdentifier() > 0 ? PropertyWriter.vbiPropertySize(s.subscriptionIdentifier()) : 0)
                + PropertyWriter.userPropertiesSize(s.userProperties()) : -1;
        int remaining = 2 + (v5 ? MqttWriter.vbiSize(props) + props : 0);
        for (SubscriptionRequest r : s.subscriptions()) {
            remaining += MqttWriter.utf8Size(r.filter()) + 1;
        }
        ByteBuf buf = alloc.ioBuffer(MqttWriter.fixedHeaderSize(remaining) + remaining);
        buf.writeByte(0x82);
        MqttWriter.writeVbi(buf, remaining);
        buf.writeShort(s.packetId());
        if (v5) {
            MqttWriter.writeVbi(buf, props);
            if (s.subscriptionIdentifier() > 0) {
                PropertyWriter.writeVbiProperty(buf, SUBSCRIPTION_IDENTIFIER, s.subscriptionIdentifier());
            }
            PropertyWriter.writeUserProperties(buf, s.userProperties());
        }
        for (SubscriptionRequest r : s.subscriptions()) {
            MqttWriter.writeUtf8(buf, r.filter());
            buf.writeByte(r.qos() | (r.noLocal() ? 0x04 : 0) | (r.retainAsPublished() ? 0x08 : 0) | (r.retainHandling() << 4));
        }
        return buf;
    }

    public static ByteBuf unsubscribe(ByteBufAllocator alloc, Unsubscribe u, MqttVersion version) {
        boolean v5 = version.isV5();
        int props = v5 ? PropertyWriter.userPropertiesSize(u.userProperties()) : -1;
        int remaining = 2 + (v5 ? MqttWriter.vbiSize(props) + props : 0);
        for (String f : u.filters()) {
            remaining += MqttWriter.utf8Size(f);
        }
        ByteBuf buf = alloc.ioBuffer(MqttWriter.fixedHeaderSize(remaining) + remaining);
        buf.writeByte(0xA2);
        MqttWriter.writeVbi(buf, remaining);
        buf.writeShort(u.packetId());
        if (v5) {
            MqttWriter.writeVbi(buf, props);
            PropertyWriter.writeUserProperties(buf, u.userProperties());
        }
        for (String f : u.filters()) {
            MqttWriter.writeUtf8(buf, f);
        }
        return buf;
    }
}
