package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.Connack;
import dev.iotcorelocal.packet.Disconnect;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PubReply;
import dev.iotcorelocal.packet.Publish;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.Suback;
import dev.iotcorelocal.packet.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Netty's codec-mqtt (test scope only) as an independent oracle: what we encode it must decode
 * to the same values, and what it encodes for a client we must decode to the same values.
 */
class NettyDifferentialTest {

    private static final String CLIENT_ID = "TestThing01";

    @Test
    void nettyDecodesOurConnackWithAwsProperties() {
        Connack connack = new Connack(false, ReasonCode.SUCCESS, 0L, 100, 1, true, 149_504L, null, 8, null,
                List.of(), true, false, true, 60);
        MqttConnAckMessage decoded = (MqttConnAckMessage) nettyDecode(Frames.encode(connack, MqttVersion.V5));
        MqttProperties p = decoded.variableHeader().properties();
        assertThat(decoded.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 0);
        assertThat(intProp(p, MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM)).isEqualTo(100);
        assertThat(intProp(p, MqttProperties.MqttPropertyType.TOPIC_ALIAS_MAXIMUM)).isEqualTo(8);
        assertThat(intProp(p, MqttProperties.MqttPropertyType.MAXIMUM_QOS)).isEqualTo(1);
        assertThat(intProp(p, MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE)).isEqualTo(149_504);
        assertThat(intProp(p, MqttProperties.MqttPropertyType.SERVER_KEEP_ALIVE)).isEqualTo(60);
        assertThat(intProp(p, MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL)).isEqualTo(0);
        assertThat(intProp(p, MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE)).isEqualTo(0);
        assertThat(intProp(p, MqttProperties.MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE)).isEqualTo(1);
    }

    @Test
    void nettyDecodesOurPublishWithEveryProperty() {
        byte[] payload = new byte[2000]; // above the copy threshold: exercises the composite buffer
        payload[1999] = 42;
        PublishProperties properties = new PublishProperties(1, 116L, 0, "home07/main_door/status",
                "{\"request_id\":1}".getBytes(StandardCharsets.UTF_8),
                List.of(new UserProperty("Content-Type", "text/plain"), new UserProperty("Content-Type", "again")),
                List.of(), "text/plain");
        Publish publish = new Publish("home07/main_door/lock", 1, false, true, 513, properties, payload);
        MqttPublishMessage decoded = (MqttPublishMessage) nettyDecode(Frames.encode(publish, MqttVersion.V5));
        try {
            assertThat(decoded.variableHeader().topicName()).isEqualTo("home07/main_door/lock");
            assertThat(decoded.variableHeader().packetId()).isEqualTo(513);
            assertThat(decoded.fixedHeader().isDup()).isTrue();
            assertThat(decoded.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
            MqttProperties p = decoded.variableHeader().properties();
            assertThat(intProp(p, MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL)).isEqualTo(116);
            assertThat(p.getProperty(MqttProperties.MqttPropertyType.RESPONSE_TOPIC.value()).value())
                    .isEqualTo("home07/main_door/status");
            assertThat((byte[]) p.getProperty(MqttProperties.MqttPropertyType.CORRELATION_DATA.value()).value())
                    .isEqualTo(properties.correlationData());
            assertThat(p.getProperties(MqttProperties.MqttPropertyType.USER_PROPERTY.value())).hasSize(2);
            byte[] decodedPayload = new byte[decoded.payload().readableBytes()];
            decoded.payload().readBytes(decodedPayload);
            assertThat(decodedPayload).isEqualTo(payload);
        } finally {
            decoded.release();
        }
    }

    @Test
    void nettyDecodesOurPubackWithReasonAndSuback() {
        MqttPubAckMessage puback = (MqttPubAckMessage) nettyDecode(Frames.encode(
                PubReply.puback(9, ReasonCode.QUOTA_EXCEEDED, "PUBACK:Quota:x"), MqttVersion.V5));
        assertThat(puback.variableHeader().messageId()).isEqualTo(9);
        MqttSubAckMessage suback = (MqttSubAckMessage) nettyDecode(Frames.encode(
                new Suback(3, List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.TOPIC_FILTER_INVALID), null, List.of()),
                MqttVersion.V5));
        assertThat(suback.variableHeader().messageId()).isEqualTo(3);
        assertThat(suback.payload().reasonCodes()).containsExactly(0x01, 0x8F);
    }

    @Test
    void nettyDecodesOurDisconnectWithReasonString() {
        MqttMessage decoded = nettyDecode(Frames.encode(
                Disconnect.of(ReasonCode.TOPIC_ALIAS_INVALID, "DISCONNECT:Topic alias is out of range.:u"),
                MqttVersion.V5));
        MqttReasonCodeAndPropertiesVariableHeader header = (MqttReasonCodeAndPropertiesVariableHeader) decoded.variableHeader();
        assertThat(header.reasonCode()).isEqualTo((byte) 0x94);
        assertThat(header.properties().getProperty(MqttProperties.MqttPropertyType.REASON_STRING.value()).value())
                .isEqualTo("DISCONNECT:Topic alias is out of range.:u");
    }

    @Test
    void weDecodeNettysMqtt5ConnectAndPublish() {
        MqttProperties connectProps = new MqttProperties();
        connectProps.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 300));
        MqttConnectMessage connect = MqttMessageBuilders.connect().clientId(CLIENT_ID).protocolVersion(io.netty.handler.codec.mqtt.MqttVersion.MQTT_5)
                .cleanSession(false).keepAlive(60).properties(connectProps).build();
        MqttProperties pubProps = new MqttProperties();
        pubProps.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(), 10));
        pubProps.add(new MqttProperties.UserProperty("Hardware-Revision", "brandX-rev1.17c"));
        MqttPublishMessage publish = MqttMessageBuilders.publish().topicName("vehicle/driver_door/lock")
                .qos(MqttQoS.AT_LEAST_ONCE).messageId(5).properties(pubProps)
                .payload(Unpooled.copiedBuffer("UNLOCK", StandardCharsets.UTF_8)).build();

        List<Object> out = Frames.decode(nettyEncode(connect, publish));
        dev.iotcorelocal.packet.Connect ourConnect = (dev.iotcorelocal.packet.Connect) out.get(0);
        assertThat(ourConnect.clientId()).isEqualTo(CLIENT_ID);
        assertThat(ourConnect.cleanStart()).isFalse();
        assertThat(ourConnect.sessionExpiryInterval()).isEqualTo(300);
        Publish ourPublish = (Publish) out.get(1);
        assertThat(ourPublish.topic()).isEqualTo("vehicle/driver_door/lock");
        assertThat(ourPublish.packetId()).isEqualTo(5);
        assertThat(ourPublish.properties().messageExpiryInterval()).isEqualTo(10L);
        assertThat(ourPublish.properties().userProperties()).containsExactly(new UserProperty("Hardware-Revision", "brandX-rev1.17c"));
        assertThat(new String(ourPublish.payload(), StandardCharsets.UTF_8)).isEqualTo("UNLOCK");
    }

    private static MqttMessage nettyDecode(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new MqttDecoder(200_000));
        // Netty's decoder learns the protocol version from a CONNECT: give it an MQTT 5 one first.
        channel.writeInbound(Unpooled.wrappedBuffer(Frames.CONNECT_V5));
        MqttMessage connect = channel.readInbound();
        assertThat(connect).isInstanceOf(MqttConnectMessage.class);
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        MqttMessage message = channel.readInbound();
        assertThat(message.decoderResult().isSuccess()).as("netty decode: %s", message.decoderResult()).isTrue();
        channel.finish();
        return message;
    }

    /** Encodes in order on one channel: Netty's encoder takes the version from the CONNECT. */
    private static byte[] nettyEncode(MqttMessage... messages) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        ByteBuf all = Unpooled.buffer();
        for (MqttMessage message : messages) {
            channel.writeOutbound(message);
            ByteBuf buf = channel.readOutbound();
            all.writeBytes(buf);
            buf.release();
        }
        channel.finish();
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        return bytes;
    }

    private static int intProp(MqttProperties properties, MqttProperties.MqttPropertyType type) {
        MqttProperties.MqttProperty<?> property = properties.getProperty(type.value());
        assertThat(property).as("property %s", type).isNotNull();
        return (Integer) property.value();
    }
}
