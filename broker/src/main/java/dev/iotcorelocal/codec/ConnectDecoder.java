package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.Will;
import io.netty.buffer.ByteBuf;

import java.util.List;

/** CONNECT, MQTT 3.1.1 and 5 (spec 3.1). */
final class ConnectDecoder {
    private static final int RECEIVE_MAXIMUM_DEFAULT = 65_535;

    private ConnectDecoder() {
    }

    static Connect decode(int flags, ByteBuf buf) throws DecodeException {
        if (flags != 0) {
            throw DecodeException.malformed("CONNECT fixed header flags must be 0");
        }
        String protocolName = MqttReader.readUtf8(buf);
        int level = MqttReader.readByte(buf);
        MqttVersion version = version(protocolName, level);
        try {
            return decodeBody(buf, version);
        } catch (DecodeException e) {
            throw new DecodeException(e.reasonCode(), e.getMessage(), version);
        }
    }

    private static MqttVersion version(String protocolName, int level) throws DecodeException {
        if ("MQTT".equals(protocolName) && level == 5) {
            return MqttVersion.V5;
        }
        if ("MQTT".equals(protocolName) && level == 4) {
            return MqttVersion.V3_1_1;
        }
        if ("MQTT".equals(protocolName) || "MQIsdp".equals(protocolName)) {
            throw new DecodeException(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                    "unsupported protocol level " + level, level > 5 ? MqttVersion.V5 : MqttVersion.V3_1_1);
        }
        throw DecodeException.malformed("unknown protocol name '" + protocolName + "'");
    }

    private static Connect decodeBody(ByteBuf buf, MqttVersion version) throws DecodeException {
        int connectFlags = MqttReader.readByte(buf);
        if ((connectFlags & 0x01) != 0) {
            throw DecodeException.malformed("CONNECT reserved flag must be 0");
        }
        boolean cleanStart = (connectFlags & 0x02) != 0;
        boolean willFlag = (connectFlags & 0x04) != 0;
        int willQos = (connectFlags >> 3) & 0x03;
        boolean willRetain = (connectFlags & 0x20) != 0;
        boolean passwordFlag = (connectFlags & 0x40) != 0;
        boolean usernameFlag = (connectFlags & 0x80) != 0;
        if (!willFlag && (willQos != 0 || willRetain)) {
            throw DecodeException.malformed("will QoS and retain must be 0 without a will");
        }
        if (willQos == 3) {
            throw DecodeException.malformed("will QoS 3");
        }
        if (version == MqttVersion.V3_1_1 && passwordFlag && !usernameFlag) {
            throw DecodeException.malformed("password without user name");
        }
        int keepAlive = MqttReader.readU16(buf);
        DecodedProperties props = version.isV5()
                ? DecodedProperties.read(buf, PropertyContext.CONNECT) : DecodedProperties.NONE;
        String clientId = MqttReader.readUtf8(buf);
        Will will = willFlag ? readWill(buf, version, willQos, willRetain) : null;
        String username = usernameFlag ? MqttReader.readUtf8(buf) : null;
        byte[] password = passwordFlag ? MqttReader.readBinary(buf) : null;
        MqttReader.expectEnd(buf, "CONNECT");
        if (props.authenticationData != null && props.authenticationMethod == null) {
            throw DecodeException.protocolError("authentication data without authentication method");
        }
        return new Connect(version, clientId, cleanStart, keepAlive, username, password, will,
                orZero(props.sessionExpiryInterval),
                props.receiveMaximum == null ? RECEIVE_MAXIMUM_DEFAULT : props.receiveMaximum,
                orZero(props.maximumPacketSize),
                props.topicAliasMaximum == null ? 0 : props.topicAliasMaximum,
                props.requestResponseInformation != null && props.requestResponseInformation == 1,
                props.requestProblemInformation == null || props.requestProblemInformation == 1,
                props.authenticationMethod, props.authenticationData, props.userProperties);
    }

    private static Will readWill(ByteBuf buf, MqttVersion version, int qos, boolean retain) throws DecodeException {
        DecodedProperties props = version.isV5()
                ? DecodedProperties.read(buf, PropertyContext.WILL) : DecodedProperties.NONE;
        String topic = MqttReader.readUtf8(buf);
        if (topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new DecodeException(ReasonCode.TOPIC_NAME_INVALID, "invalid will topic '" + topic + "'");
        }
        byte[] payload = MqttReader.readBinary(buf);
        PublishProperties publishProperties = props.toPublishProperties();
        return new Will(topic, payload, qos, retain, orZero(props.willDelayInterval), publishProperties);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

}
