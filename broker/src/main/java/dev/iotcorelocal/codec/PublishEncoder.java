package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.Publish;
import dev.iotcorelocal.packet.PublishProperties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import static dev.iotcorelocal.codec.PropertyId.*;

/**
 * PUBLISH, sized exactly. Large payloads are not copied: the header goes into a small buffer
 * composed with a wrapper around the shared payload array, so fan-out to many subscribers
 * never copies the payload per subscriber.
 */
public final class PublishEncoder {
    /** Below this, one copy is cheaper than a composite buffer. */
    private static final int COPY_THRESHOLD = 512;

    private PublishEncoder() {
    }

    /** Size of the whole packet, fixed header included, as compared with a Maximum Packet Size. */
    public static long packetSize(Publish publish, MqttVersion version) {
        int propertiesLength = version.isV5() ? propertiesLength(publish.properties()) : -1;
        int remaining = variableHeaderLength(publish.topic(), publish.qos(), propertiesLength) + publish.payload().length;
        return (long) MqttWriter.fixedHeaderSize(remaining) + remaining;
    }

    static ByteBuf encode(ByteBufAllocator alloc, Publish publish, MqttVersion version) {
        return encode(alloc, publish.topic(), publish.qos(), publish.retain(), publish.dup(), publish.packetId(),
                publish.properties(), publish.payload(), version, 0);
    }

    /**
     * A PUBLISH from its parts, or null when it would exceed the receiver's Maximum Packet Size
     * (0: none), which is checked here because the sizes are computed here anyway. Deliveries are
     * encoded this way, straight from the shared routed message: building a Publish per
     * subscriber was the only object fan-out allocated per delivered message (about 40 bytes each).
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String topic, int qos, boolean retain, boolean dup,
                                 int packetId, PublishProperties properties, byte[] payload, MqttVersion version,
                                 long maxPacketSize) {
        int propertiesLength = version.isV5() ? propertiesLength(properties) : -1;
        int variableHeader = variableHeaderLength(topic, qos, propertiesLength);
        int remaining = variableHeader + payload.length;
        int headerSize = MqttWriter.fixedHeaderSize(remaining) + variableHeader;
        if (maxPacketSize > 0 && (long) headerSize + payload.length > maxPacketSize) {
            return null;
        }
        boolean copy = payload.length <= COPY_THRESHOLD;
        ByteBuf buf = alloc.ioBuffer(copy ? headerSize + payload.length : headerSize);
        buf.writeByte(0x30 | (dup ? 0x08 : 0) | (qos << 1) | (retain ? 0x01 : 0));
        MqttWriter.writeVbi(buf, remaining);
        MqttWriter.writeUtf8(buf, topic);
        if (qos > 0) {
            buf.writeShort(packetId);
        }
        if (propertiesLength >= 0) {
            MqttWriter.writeVbi(buf, propertiesLength);
            writeProperties(buf, properties);
        }
        if (copy) {
            return buf.writeBytes(payload);
        }
        return Unpooled.wrappedUnmodifiableBuffer(buf, Unpooled.wrappedBuffer(payload));
    }

    private static int variableHeaderLength(String topic, int qos, int propertiesLength) {
        int length = MqttWriter.utf8Size(topic) + (qos > 0 ? 2 : 0);
        if (propertiesLength >= 0) {
            length += MqttWriter.vbiSize(propertiesLength) + propertiesLength;
        }
        return length;
    }

    static int propertiesLength(PublishProperties p) {
        if (p.isEmpty()) {
            return 0;
        }
        int length = PropertyWriter.byteSize(p.payloadFormatIndicator())
                + PropertyWriter.u32Size(p.messageExpiryInterval())
                + (p.topicAlias() != 0 ? 3 : 0)
                + PropertyWriter.stringSize(p.responseTopic())
                + PropertyWriter.binarySize(p.correlationData())
                + PropertyWriter.userPropertiesSize(p.userProperties())
                + PropertyWriter.stringSize(p.contentType());
        for (int id : p.subscriptionIdentifiers()) {
            length += PropertyWriter.vbiPropertySize(id);
        }
        return length;
    }

    static void writeProperties(ByteBuf buf, PublishProperties p) {
        if (p.isEmpty()) {
            return;
        }
        PropertyWriter.writeByte(buf, PAYLOAD_FORMAT_INDICATOR, p.payloadFormatIndicator());
        PropertyWriter.writeU32(buf, MESSAGE_EXPIRY_INTERVAL, p.messageExpiryInterval());
        if (p.topicAlias() != 0) {
            PropertyWriter.writeU16(buf, TOPIC_ALIAS, p.topicAlias());
        }
        PropertyWriter.writeString(buf, RESPONSE_TOPIC, p.responseTopic());
        PropertyWriter.writeBinary(buf, CORRELATION_DATA, p.correlationData());
        PropertyWriter.writeUserProperties(buf, p.userProperties());
        for (int id : p.subscriptionIdentifiers()) {
            PropertyWriter.writeVbiProperty(buf, SUBSCRIPTION_IDENTIFIER, id);
        }
        PropertyWriter.writeString(buf, CONTENT_TYPE, p.contentType());
    }
}
