package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.iotcorelocal.codec.Frames.decode;
import static dev.iotcorelocal.codec.Frames.hex;
import static org.assertj.core.api.Assertions.assertThat;

/** Every way a client packet can be refused maps to the reason code the MQTT 5 spec prescribes. */
class DecodeFailureTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "PUBLISH with QoS 3                         | 36 05 0001 74 00 00      | MALFORMED_PACKET",
            "DUP on QoS 0                               | 38 04 0001 74 00         | MALFORMED_PACKET",
            "PUBLISH packet id 0                        | 32 06 0001 74 0000 00    | MALFORMED_PACKET",
            "wildcard in topic name                     | 30 04 0001 23 00         | TOPIC_NAME_INVALID",
            "topic alias 0                              | 30 07 0001 74 03 230000  | TOPIC_ALIAS_INVALID",
            "empty topic without alias                  | 30 03 0000 00            | PROTOCOL_ERROR",
            "duplicate property                         | 30 0e 0001 74 0a 02 00000001 02 00000002 | PROTOCOL_ERROR",
            "property not allowed in PUBLISH            | 30 06 0001 74 02 1700    | PROTOCOL_ERROR",
            "subscription identifier sent by a client   | 30 06 0001 74 02 0b01    | PROTOCOL_ERROR",
            "payload format indicator 2                 | 30 06 0001 74 02 0102    | PROTOCOL_ERROR",
            "invalid UTF-8 in topic                     | 30 04 0001 c3 00         | MALFORMED_PACKET",
            "U+0000 in topic                            | 30 04 0001 00 00         | MALFORMED_PACKET",
            "overlong UTF-8 encoding                    | 30 05 0002 c0af 00       | MALFORMED_PACKET",
            "encoded surrogate                          | 30 06 0003 eda080 00     | MALFORMED_PACKET",
            "SUBSCRIBE with wrong flags                 | 80 07 0001 00 0001 74 00 | MALFORMED_PACKET",
            "SUBSCRIBE without filters                  | 82 03 0001 00            | PROTOCOL_ERROR",
            "SUBSCRIBE reserved option bits             | 82 07 0001 00 0001 74 c0 | MALFORMED_PACKET",
            "SUBSCRIBE retain handling 3                | 82 07 0001 00 0001 74 30 | PROTOCOL_ERROR",
            "PINGREQ with flags                         | c1 00                    | MALFORMED_PACKET",
            "second CONNECT                             | 10 10 0004 4d515454 05 02 003c 00 0003 616263 | PROTOCOL_ERROR",
            "CONNACK from a client                      | 20 03 00 00 00           | PROTOCOL_ERROR",
            "reserved packet type 0                     | 00 00                    | MALFORMED_PACKET",
            "truncated body                             | 32 03 0001 74            | MALFORMED_PACKET",
            "trailing bytes in PUBACK                   | 40 05 0001 00 00 00      | MALFORMED_PACKET",
            "PUBACK packet id 0                         | 40 02 0000               | MALFORMED_PACKET",
            "PUBACK with reason, packet id 0            | 40 03 0000 00            | MALFORMED_PACKET",
            "PUBACK with flags                          | 41 02 0001               | MALFORMED_PACKET",
            "unknown reason code in DISCONNECT          | e0 01 03                 | PROTOCOL_ERROR",
            "remaining length of 5 bytes                | 30 ff ff ff ff 01        | MALFORMED_PACKET",
            "remaining length 0 in two bytes            | c0 80 00                 | MALFORMED_PACKET",
            "remaining length 4 in two bytes            | 30 84 00 0001 74 00      | MALFORMED_PACKET",
            "remaining length 4 in four bytes           | 30 84 80 80 00 0001 74 00 | MALFORMED_PACKET",
            "property length 0 in two bytes             | 30 05 0001 74 80 00      | MALFORMED_PACKET",
            "property identifier 2 in two bytes         | 30 0a 0001 74 06 8200 0000003c | MALFORMED_PACKET",
            "subscription identifier 1 in two bytes     | 82 0a 0001 03 0b 8100 0001 74 00 | MALFORMED_PACKET",
    })
    void refusesAfterConnect(String description, String bytes, ReasonCode expected) {
        Object result = Frames.afterConnectV5(hex(bytes));
        assertThat(result).isInstanceOfSatisfying(DecodeFailure.class, f -> {
            assertThat(f.reasonCode()).isEqualTo(expected);
            assertThat(f.version()).isEqualTo(MqttVersion.V5);
            assertThat(f.inConnect()).isFalse();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "reserved connect flag        | 10 10 0004 4d515454 05 03 003c 00 0003 616263 | MALFORMED_PACKET           | V5",
            "will QoS without will flag   | 10 10 0004 4d515454 05 0a 003c 00 0003 616263 | MALFORMED_PACKET           | V5",
            "MQTT 3.1 (MQIsdp level 3)    | 10 11 0006 4d5149736470 03 02 003c 0003 616263 | UNSUPPORTED_PROTOCOL_VERSION | V3_1_1",
            "level 6                      | 10 10 0004 4d515454 06 02 003c 00 0003 616263 | UNSUPPORTED_PROTOCOL_VERSION | V5",
            "property not allowed         | 10 12 0004 4d515454 05 02 003c 02 2301 0003 616263 | PROTOCOL_ERROR       | V5",
            "receive maximum 0            | 10 13 0004 4d515454 05 02 003c 03 210000 0003 616263 | PROTOCOL_ERROR     | V5",
            "v3 password without user     | 10 13 0004 4d515454 04 42 003c 0003 616263 0002 7878 | MALFORMED_PACKET   | V3_1_1",
    })
    void refusesBadConnectWithTheVersionItAnnounced(String description, String bytes, ReasonCode expected,
                                                   MqttVersion version) {
        List<Object> out = decode(hex(bytes));
        assertThat(out).singleElement().isInstanceOfSatisfying(DecodeFailure.class, f -> {
            assertThat(f.reasonCode()).isEqualTo(expected);
            assertThat(f.version()).isEqualTo(version);
            assertThat(f.inConnect()).isTrue();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"c0 00", "40 02 0001"}) // PINGREQ; a PUBACK, which has a decoding path of its own
    void firstPacketOtherThanConnectIsAProtocolErrorWithUnknownVersion(String bytes) {
        assertThat(decode(hex(bytes))).singleElement().isInstanceOfSatisfying(DecodeFailure.class, f -> {
            assertThat(f.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            assertThat(f.version()).isNull();
        });
    }

    @Test
    void oversizedPacketIsRefusedFromItsFixedHeaderAlone() {
        // Remaining length 149503 + 4 header bytes = 149507 > 149504; only the header is sent.
        Object result = Frames.afterConnectV5(hex("30 ff 8f 09"));
        assertThat(result).isInstanceOfSatisfying(DecodeFailure.class,
                f -> assertThat(f.reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE));
    }

    @Test
    void packetOfExactlyTheMaximumSizeIsAccepted() {
        int remaining = Frames.MAX - 4; // 3-byte remaining length + 1 type byte
        byte[] packet = new byte[Frames.MAX];
        packet[0] = 0x30;
        packet[1] = (byte) (0x80 | (remaining & 0x7F));
        packet[2] = (byte) (0x80 | ((remaining >> 7) & 0x7F));
        packet[3] = (byte) (remaining >> 14);
        packet[4] = 0;
        packet[5] = 1;
        packet[6] = 't';
        packet[7] = 0; // no properties; the rest is payload
        Object result = Frames.afterConnectV5(packet);
        assertThat(result).isInstanceOf(dev.iotcorelocal.packet.Publish.class);
    }

    @Test
    void inputAfterAFailureIsDiscarded() {
        List<Object> out = decode(Frames.CONNECT_V5, hex("00 00 c0 00 c0 00"));
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isInstanceOf(DecodeFailure.class);
    }
}
