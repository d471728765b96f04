package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.Connack;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.ReasonCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import static dev.iotcorelocal.codec.PropertyId.*;

/** CONNACK for MQTT 5 (reason code and properties) and 3.1.1 (return code). */
final class ConnackEncoder {
    private ConnackEncoder() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, Connack c, MqttVersion version) {
        if (!version.isV5()) {
            ByteBuf buf = alloc.ioBuffer(4);
            buf.writeByte(0x20).writeByte(2);
            buf.writeByte(c.sessionPresent() ? 1 : 0).writeByte(v3ReturnCode(c.reasonCode()));
            return buf;
        }
        // Diagnostic only: a Reason String too long for a 16-bit length is left out, not wrapped.
        String reasonString = c.reasonString() != null && MqttWriter.fitsUtf8(c.reasonString()) ? c.reasonString() : null;
        int props = PropertyWriter.u32Size(c.sessionExpiryInterval())
                + PropertyWriter.u16Size(c.receiveMaximum())
                + PropertyWriter.byteSize(c.maximumQos())
                + PropertyWriter.byteSize(c.retainAvailable())
                + PropertyWriter.u32Size(c.maximumPacketSize())
                + PropertyWriter.stringSize(c.assignedClientIdentifier())
                + PropertyWriter.u16Size(c.topicAliasMaximum())
                + PropertyWriter.stringSize(reasonString)
                + PropertyWriter.userPropertiesSize(c.userProperties())
                + PropertyWriter.byteSize(c.wildcardSubscriptionAvailable())
                + PropertyWriter.byteSize(c.subscriptionIdentifiersAvailable())
                + PropertyWriter.byteSize(c.sharedSubscriptionAvailable())
                + PropertyWriter.u16Size(c.serverKeepAlive());
        int remaining = 2 + MqttWriter.vbiSize(props) + props;
        ByteBuf buf = alloc.ioBuffer(MqttWriter.fixedHeaderSize(remaining) + remaining);
        buf.writeByte(0x20);
        MqttWriter.writeVbi(buf, remaining);
        buf.writeByte(c.sessionPresent() ? 1 : 0).writeByte(c.reasonCode().code());
        MqttWriter.writeVbi(buf, props);
        PropertyWriter.writeU32(buf, SESSION_EXPIRY_INTERVAL, c.sessionExpiryInterval());
        PropertyWriter.writeU16(buf, SERVER_KEEP_ALIVE, c.serverKeepAlive());
        PropertyWriter.writeU16(buf, RECEIVE_MAXIMUM, c.receiveMaximum());
        PropertyWriter.writeU16(buf, TOPIC_ALIAS_MAXIMUM, c.topicAliasMaximum());
        PropertyWriter.writeByte(buf, MAXIMUM_QOS, c.maximumQos());
        PropertyWriter.writeBoolean(buf, RETAIN_AVAILABLE, c.retainAvailable());
        PropertyWriter.writeU32(buf, MAXIMUM_PACKET_SIZE, c.maximumPacketSize());
        PropertyWriter.writeString(buf, ASSIGNED_CLIENT_IDENTIFIER, c.assignedClientIdentifier());
        PropertyWriter.writeBoolean(buf, WILDCARD_SUBSCRIPTION_AVAILABLE, c.wildcardSubscriptionAvailable());
        PropertyWriter.writeBoolean(buf, SUBSCRIPTION_IDENTIFIER_AVAILABLE, c.subscriptionIdentifiersAvailable());
        PropertyWriter.writeBoolean(buf, SHARED_SUBSCRIPTION_AVAILABLE, c.sharedSubscriptionAvailable());
        PropertyWriter.writeString(buf, REASON_STRING, reasonString);
        PropertyWriter.writeUserProperties(buf, c.userProperties());
        return buf;
    }

    /** MQTT 3.1.1 CONNACK return code for a reason, or -1 when 3.1.1 has none (the connection is then closed). */
    static int v3ReturnCode(ReasonCode reason) {
        return switch (reason) {
            case SUCCESS -> 0;
            case UNSUPPORTED_PROTOCOL_VERSION -> 1;
            case CLIENT_IDENTIFIER_NOT_VALID -> 2;
            case SERVER_UNAVAILABLE, SERVER_BUSY, SERVER_SHUTTING_DOWN -> 3;
            case BAD_USER_NAME_OR_PASSWORD -> 4;
            case NOT_AUTHORIZED -> 5;
            default -> -1;
        };
    }
}
