package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.Publish;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.ReasonCode;
import io.netty.buffer.ByteBuf;

/** PUBLISH (spec 3.3). Topic alias semantics belong to the connection; this checks syntax only. */
final class PublishDecoder {
    private static final byte[] EMPTY = new byte[0];

    private PublishDecoder() {
    }

    static Publish decode(int flags, ByteBuf buf, MqttVersion version) throws DecodeException {
        boolean dup = (flags & 0x08) != 0;
        int qos = (flags >> 1) & 0x03;
        boolean retain = (flags & 0x01) != 0;
        if (qos == 3) {
            throw DecodeException.malformed("PUBLISH with QoS 3");
        }
        if (qos == 0 && dup) {
            throw DecodeException.malformed("DUP set on a QoS 0 PUBLISH");
        }
        String topic = MqttReader.readUtf8(buf);
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new DecodeException(ReasonCode.TOPIC_NAME_INVALID, "topic name contains a wildcard");
        }
        int packetId = 0;
        if (qos > 0) {
            packetId = MqttReader.readU16(buf);
            if (packetId == 0) {
                throw DecodeException.malformed("packet identifier 0");
            }
        }
        PublishProperties properties = PublishProperties.EMPTY;
        if (version.isV5()) {
            properties = DecodedProperties.read(buf, PropertyContext.PUBLISH).toPublishProperties();
            if (!properties.subscriptionIdentifiers().isEmpty()) {
                throw DecodeException.protocolError("a client must not send subscription identifiers in PUBLISH");
            }
        }
        if (topic.isEmpty() && properties.topicAlias() == 0) {
            throw version.isV5() ? DecodeException.protocolError("empty topic without topic alias")
                    : DecodeException.malformed("empty topic name");
        }
        byte[] payload = EMPTY;
        if (buf.isReadable()) {
            payload = new byte[buf.readableBytes()];
            buf.readBytes(payload);
        }
        return new Publish(topic, qos, retain, dup, packetId, properties, payload);
    }
}
