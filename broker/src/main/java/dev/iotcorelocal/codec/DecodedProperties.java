package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.UserProperty;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

import static dev.iotcorelocal.codec.PropertyId.*;

/**
 * The properties section of one packet, read strictly: only properties the packet may carry,
 * each at most once (except the repeatable ones), values in their valid ranges. A short-lived
 * scratch object; packets copy out what they keep.
 */
final class DecodedProperties {
    static final DecodedProperties NONE = new DecodedProperties();

    Integer payloadFormatIndicator;
    Long messageExpiryInterval;
    String contentType;
    String responseTopic;
    byte[] correlationData;
    List<Integer> subscriptionIdentifiers = List.of();
    Long sessionExpiryInterval;
    String authenticationMethod;
    byte[] authenticationData;
    Integer requestProblemInformation;
    Long willDelayInterval;
    Integer requestResponseInformation;
    String serverReference;
    String reasonString;
    Integer receiveMaximum;
    Integer topicAliasMaximum;
    Integer topicAlias;
    List<UserProperty> userProperties = List.of();
    Long maximumPacketSize;
    private long seen;

    static DecodedProperties read(ByteBuf buf, PropertyContext context) throws DecodeException {
        int length = MqttReader.readVbi(buf);
        if (length == 0) {
            return NONE;
        }
        MqttReader.need(buf, length);
        ByteBuf section = buf.readSlice(length);
        DecodedProperties props = new DecodedProperties();
        while (section.isReadable()) {
            props.readOne(section, context);
        }
        return props;
    }

    private void readOne(ByteBuf buf, PropertyContext context) throws DecodeException {
        int id = MqttReader.readVbi(buf);
        if (!context.allows(id)) {
            throw DecodeException.protocolError(String.format("property 0x%02X not allowed in %s", id, context));
        }
        if (!context.mayRepeat(id)) {
            if ((seen & (1L << id)) != 0) {
                throw DecodeException.protocolError(String.format("property 0x%02X appears twice", id));
            }
            seen |= 1L << id;
        }
        switch (id) {
            case PAYLOAD_FORMAT_INDICATOR -> payloadFormatIndicator = zeroOrOne(buf, "payload format indicator");
            case MESSAGE_EXPIRY_INTERVAL -> messageExpiryInterval = MqttReader.readU32(buf);
            case CONTENT_TYPE -> contentType = MqttReader.readUtf8(buf);
            case RESPONSE_TOPIC -> responseTopic = responseTopic(buf);
            case CORRELATION_DATA -> correlationData = MqttReader.readBinary(buf);
            case SUBSCRIPTION_IDENTIFIER -> addSubscriptionIdentifier(MqttReader.readVbi(buf));
            case SESSION_EXPIRY_INTERVAL -> sessionExpiryInterval = MqttReader.readU32(buf);
            case AUTHENTICATION_METHOD -> authenticationMethod = MqttReader.readUtf8(buf);
            case AUTHENTICATION_DATA -> authenticationData = MqttReader.readBinary(buf);
            case REQUEST_PROBLEM_INFORMATION -> requestProblemInformation = zeroOrOne(buf, "request problem information");
            case WILL_DELAY_INTERVAL -> willDelayInterval = MqttReader.readU32(buf);
            case REQUEST_RESPONSE_INFORMATION -> requestResponseInformation = zeroOrOne(buf, "request response information");
            case SERVER_REFERENCE -> serverReference = MqttReader.readUtf8(buf);
            case REASON_STRING -> reasonString = MqttReader.readUtf8(buf);
            case RECEIVE_MAXIMUM -> receiveMaximum = nonZeroU16(buf, "receive maximum");
            case TOPIC_ALIAS_MAXIMUM -> topicAliasMaximum = MqttReader.readU16(buf);
            case TOPIC_ALIAS -> topicAlias = topicAlias(buf);
            case USER_PROPERTY -> addUserProperty(new UserProperty(MqttReader.readUtf8(buf), MqttReader.readUtf8(buf)));
            case MAXIMUM_PACKET_SIZE -> maximumPacketSize = nonZeroU32(buf);
            default -> throw DecodeException.protocolError(String.format("unknown property 0x%02X", id));
        }
    }

    private static Integer zeroOrOne(ByteBuf buf, String name) throws DecodeException {
        int value = MqttReader.readByte(buf);
        if (value > 1) {
            throw DecodeException.protocolError(name + " must be 0 or 1, was " + value);
        }
        return value;
    }

    private static Integer nonZeroU16(ByteBuf buf, String name) throws DecodeException {
        int value = MqttReader.readU16(buf);
        if (value == 0) {
            throw DecodeException.protocolError(name + " must not be 0");
        }
        return value;
    }

    private static Long nonZeroU32(ByteBuf buf) throws DecodeException {
        long value = MqttReader.readU32(buf);
        if (value == 0) {
            throw DecodeException.protocolError("maximum packet size must not be 0");
        }
        return value;
    }

    private static Integer topicAlias(ByteBuf buf) throws DecodeException {
        int value = MqttReader.readU16(buf);
        if (value == 0) {
            throw new DecodeException(ReasonCode.TOPIC_ALIAS_INVALID, "Topic alias is out of range.");
        }
        return value;
    }

    private static String responseTopic(ByteBuf buf) throws DecodeException {
        String topic = MqttReader.readUtf8(buf);
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw DecodeException.protocolError("response topic must not contain wildcards");
        }
        return topic;
    }

    private void addSubscriptionIdentifier(int value) throws DecodeException {
        if (value == 0) {
            throw DecodeException.protocolError("subscription identifier must not be 0");
        }
        if (subscriptionIdentifiers.isEmpty()) {
            subscriptionIdentifiers = new ArrayList<>(1);
        }
        subscriptionIdentifiers.add(value);
    }

    private void addUserProperty(UserProperty property) {
        if (userProperties.isEmpty()) {
            userProperties = new ArrayList<>(4);
        }
        userProperties.add(property);
    }

    PublishProperties toPublishProperties() {
        if (this == NONE) {
            return PublishProperties.EMPTY;
        }
        return new PublishProperties(payloadFormatIndicator, messageExpiryInterval,
                topicAlias == null ? 0 : topicAlias, responseTopic, correlationData, userProperties,
                subscriptionIdentifiers, contentType);
    }
}
