package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.Connack;
import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.Disconnect;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PingResp;
import dev.iotcorelocal.packet.PubReply;
import dev.iotcorelocal.packet.Publish;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.Suback;
import dev.iotcorelocal.packet.Subscribe;
import dev.iotcorelocal.packet.SubscriptionRequest;
import dev.iotcorelocal.packet.Unsuback;
import dev.iotcorelocal.packet.Unsubscribe;
import dev.iotcorelocal.packet.UserProperty;
import dev.iotcorelocal.packet.Will;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.iotcorelocal.codec.Frames.encode;
import static dev.iotcorelocal.codec.Frames.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact bytes of every packet the broker sends, and round trips of the ones clients send. */
class PacketEncoderTest {

    @Test
    void awsConnackBytes() {
        Connack connack = new Connack(false, ReasonCode.SUCCESS, 0L, 100, 1, true, 149_504L, null, 8, null,
                List.of(), true, false, true, 60);
        assertThat(encode(connack, MqttVersion.V5)).isEqualTo(hex("20 20 00 00 1d"
                + " 11 00000000"     // session expiry 0
                + " 13 003c"         // server keep alive 60
                + " 21 0064"         // receive maximum 100
                + " 22 0008"         // topic alias maximum 8
                + " 24 01"           // maximum QoS 1
                + " 25 01"           // retain available
                + " 27 00024800"     // maximum packet size 149504
                + " 28 01 29 00 2a 01")); // wildcard, subscription ids, shared
    }

    @Test
    void mqtt311ConnackAndRefusal() {
        assertThat(encode(Connack.refusal(ReasonCode.SUCCESS, null), MqttVersion.V3_1_1)).isEqualTo(hex("20 02 00 00"));
        assertThat(encode(Connack.refusal(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, null), MqttVersion.V3_1_1))
                .isEqualTo(hex("20 02 00 02"));
    }

    @Test
    void aReasonStringTooLongForItsLengthPrefixIsLeftOutNotWrapped() {
        String tooLong = "x".repeat(65_536); // a 16-bit prefix would say 0 and the rest would be garbage
        assertThat(encode(PubReply.puback(7, ReasonCode.QUOTA_EXCEEDED, tooLong), MqttVersion.V5))
                .isEqualTo(hex("40 04 0007 97 00"));
        assertThat(encode(Disconnect.of(ReasonCode.TOPIC_NAME_INVALID, tooLong), MqttVersion.V5))
                .isEqualTo(hex("e0 02 90 00"));
        assertThat(encode(Connack.refusal(ReasonCode.QUOTA_EXCEEDED, tooLong), MqttVersion.V5))
                .isEqualTo(encode(Connack.refusal(ReasonCode.QUOTA_EXCEEDED, null), MqttVersion.V5));
        String longest = "x".repeat(65_535); // still fits: sent whole
        byte[] fits = encode(PubReply.puback(7, ReasonCode.QUOTA_EXCEEDED, longest), MqttVersion.V5);
        // type, remaining length (3), packet id, reason, property length (3), 0x1F, string length, string
        assertThat(fits).hasSize(1 + 3 + 2 + 1 + 3 + 1 + 2 + 65_535);
        assertThat(java.util.Arrays.copyOfRange(fits, 10, 13)).isEqualTo(hex("1f ffff"));
    }

    @Test
    void pubackShortAndWithReason() {
        assertThat(encode(PubReply.puback(7, ReasonCode.SUCCESS), MqttVersion.V5)).isEqualTo(hex("40 02 0007"));
        assertThat(encode(PubReply.puback(7, ReasonCode.NOT_AUTHORIZED, "x"), MqttVersion.V5))
                .isEqualTo(hex("40 08 0007 87 04 1f 0001 78"));
        assertThat(encode(PubReply.puback(7, ReasonCode.NOT_AUTHORIZED, "x"), MqttVersion.V3_1_1)).isEqualTo(hex("40 02 0007"));
    }

    @Test
    void subackUnsubackDisconnectPingresp() {
        Suback suback = new Suback(1, List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.TOPIC_FILTER_INVALID), null, List.of());
        assertThat(encode(suback, MqttVersion.V5)).isEqualTo(hex("90 05 0001 00 01 8f"));
        assertThat(encode(suback, MqttVersion.V3_1_1)).isEqualTo(hex("90 04 0001 01 80"));
        Unsuback unsuback = new Unsuback(2, List.of(ReasonCode.SUCCESS), null, List.of());
        assertThat(encode(unsuback, MqttVersion.V5)).isEqualTo(hex("b0 04 0002 00 00"));
        assertThat(encode(unsuback, MqttVersion.V3_1_1)).isEqualTo(hex("b0 02 0002"));
        assertThat(encode(Disconnect.of(ReasonCode.TOPIC_ALIAS_INVALID, "D"), MqttVersion.V5))
                .isEqualTo(hex("e0 06 94 04 1f 0001 44"));
        assertThat(encode(PingResp.INSTANCE, MqttVersion.V5)).isEqualTo(hex("d0 00"));
    }

    @Test
    void diagnosticsAreDroppedWhenTheyWouldExceedTheClientsMaximumPacketSize() {
        PubReply puback = new PubReply(dev.iotcorelocal.packet.PacketType.PUBACK, 7, ReasonCode.QUOTA_EXCEEDED,
                "a long reason string", List.of(new UserProperty("k", "v")));
        ByteBuf encoded = PacketEncoder.encode(ByteBufAllocator.DEFAULT, puback, MqttVersion.V5, 10);
        try {
            assertThat(ByteBufUtil.getBytes(encoded)).isEqualTo(hex("40 04 0007 97 00"));
        } finally {
            encoded.release();
        }
    }

    @Test
    void publishPacketSizeMatchesTheEncodedLength() {
        Publish publish = new Publish("a/b", 1, false, false, 3, new PublishProperties(null, 10L, 0, "r", null,
                List.of(new UserProperty("k", "v")), List.of(), "text/plain"), new byte[1000]);
        assertThat(PublishEncoder.packetSize(publish, MqttVersion.V5)).isEqualTo(encode(publish, MqttVersion.V5).length);
        assertThat(PublishEncoder.packetSize(publish, MqttVersion.V3_1_1)).isEqualTo(encode(publish, MqttVersion.V3_1_1).length);
    }

    @Test
    void aDeliveryOverTheReceiversMaximumPacketSizeIsNotEncoded() {
        Publish publish = new Publish("a/b", 1, false, true, 3, new PublishProperties(null, 10L, 0, "r", null,
                List.of(new UserProperty("k", "v")), List.of(), "text/plain"), new byte[1000]);
        byte[] whole = encode(publish, MqttVersion.V5);
        for (long limit : new long[] {0, whole.length, whole.length + 1}) {
            ByteBuf encoded = PublishEncoder.encode(ByteBufAllocator.DEFAULT, "a/b", 1, false, true, 3,
                    publish.properties(), publish.payload(), MqttVersion.V5, limit);
            assertThat(ByteBufUtil.getBytes(encoded)).as("limit %d", limit).isEqualTo(whole);
            encoded.release();
        }
        assertThat(PublishEncoder.encode(ByteBufAllocator.DEFAULT, "a/b", 1, false, true, 3, publish.properties(),
                publish.payload(), MqttVersion.V5, whole.length - 1)).isNull();
    }

    @Test
    void clientPacketsRoundTripThroughOurDecoder() {
        Will will = new Will("w/t", "bye".getBytes(StandardCharsets.UTF_8), 1, true, 5,
                new PublishProperties(null, 60L, 0, null, null, List.of(new UserProperty("a", "b")), List.of(), null));
        Connect connect = new Connect(MqttVersion.V5, "rt", false, 30, "u", "p".getBytes(StandardCharsets.UTF_8), will,
                300, 10, 4096, 4, false, true, null, null, List.of(new UserProperty("x", "y")));
        Subscribe subscribe = new Subscribe(9, List.of(new SubscriptionRequest("a/+", 1, true, true, 1)), 0, List.of());
        Unsubscribe unsubscribe = new Unsubscribe(10, List.of("a/+", "b"), List.of());
        List<Object> decoded = Frames.decode(encode(connect, MqttVersion.V5), encode(subscribe, MqttVersion.V5),
                encode(unsubscribe, MqttVersion.V5));
        Connect c = (Connect) decoded.get(0);
        assertThat(c).usingRecursiveComparison().ignoringFields("password", "will").isEqualTo(connect);
        assertThat(c.will()).usingRecursiveComparison().isEqualTo(will);
        assertThat(decoded.get(1)).isEqualTo(subscribe);
        assertThat(decoded.get(2)).isEqualTo(unsubscribe);
    }

    @Test
    void theBrokersEncoderRefusesPacketsOnlyClientsSend() {
        Subscribe subscribe = new Subscribe(9, List.of(new SubscriptionRequest("a", 0, false, false, 0)), 0, List.of());
        assertThatThrownBy(() -> PacketEncoder.encode(ByteBufAllocator.DEFAULT, subscribe, MqttVersion.V5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SUBSCRIBE");
        assertThatThrownBy(() -> PacketEncoder.encode(ByteBufAllocator.DEFAULT, dev.iotcorelocal.packet.PingReq.INSTANCE,
                MqttVersion.V5, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PINGREQ");
    }
}
