package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.Disconnect;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PacketType;
import dev.iotcorelocal.packet.PubReply;
import dev.iotcorelocal.packet.Publish;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.Subscribe;
import dev.iotcorelocal.packet.UserProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.iotcorelocal.codec.Frames.afterConnectV311;
import static dev.iotcorelocal.codec.Frames.afterConnectV5;
import static dev.iotcorelocal.codec.Frames.decode;
import static dev.iotcorelocal.codec.Frames.hex;
import static org.assertj.core.api.Assertions.assertThat;

class PacketDecoderTest {

    @Test
    void decodesMqtt5ConnectWithPropertiesWillAndCredentials() {
        byte[] bytes = hex("10 32"
                + " 0004 4d515454"      // protocol name "MQTT"
                + " 05"                 // level 5
                + " ce"                 // user name, password, will QoS 1, will flag, clean start
                + " 003c"               // keep alive 60
                + " 08 11 0000012c 21 000a" // properties: session expiry 300, receive maximum 10
                + " 0002 6331"          // client id "c1"
                + " 05 18 0000000a"     // will properties: will delay 10
                + " 0003 772f74"        // will topic "w/t"
                + " 0002 6f6b"          // will payload "ok"
                + " 0004 75736572"      // user name "user"
                + " 0004 70617373");     // password "pass"
        Connect connect = (Connect) decode(bytes).get(0);
        assertThat(connect.version()).isEqualTo(MqttVersion.V5);
        assertThat(connect.clientId()).isEqualTo("c1");
        assertThat(connect.cleanStart()).isTrue();
        assertThat(connect.keepAlive()).isEqualTo(60);
        assertThat(connect.sessionExpiryInterval()).isEqualTo(300);
        assertThat(connect.receiveMaximum()).isEqualTo(10);
        assertThat(connect.will().topic()).isEqualTo("w/t");
        assertThat(connect.will().qos()).isEqualTo(1);
        assertThat(connect.will().delayInterval()).isEqualTo(10);
        assertThat(new String(connect.will().payload(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(connect.username()).isEqualTo("user");
        assertThat(new String(connect.password(), StandardCharsets.UTF_8)).isEqualTo("pass");
    }

    @Test
    void decodesMqtt311Connect() {
        Connect connect = (Connect) decode(Frames.CONNECT_V311).get(0);
        assertThat(connect.version()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(connect.clientId()).isEqualTo("abc");
        assertThat(connect.receiveMaximum()).isEqualTo(65_535);
    }

    @Test
    void decodesPublishWithAliasUserPropertiesInOrderAndCorrelationData() {
        Publish publish = (Publish) afterConnectV5(hex("32 1f"
                + " 0003 612f62"                  // topic "a/b"
                + " 0007"                         // packet id 7
                + " 15"                           // properties length 21
                + " 23 0001"                      // topic alias 1
                + " 26 0001 6b 0001 31"           // user property k=1
                + " 26 0001 6b 0001 32"           // user property k=2 (duplicate key kept)
                + " 09 0001 ff"                   // correlation data 0xff
                + " 6869"));                       // payload "hi"
        assertThat(publish.topic()).isEqualTo("a/b");
        assertThat(publish.qos()).isEqualTo(1);
        assertThat(publish.packetId()).isEqualTo(7);
        assertThat(publish.properties().topicAlias()).isEqualTo(1);
        assertThat(publish.properties().userProperties())
                .containsExactly(new UserProperty("k", "1"), new UserProperty("k", "2"));
        assertThat(publish.properties().correlationData()).containsExactly(0xff);
        assertThat(publish.payload()).containsExactly('h', 'i');
    }

    @Test
    void decodesSubscribeOptions() {
        Subscribe subscribe = (Subscribe) afterConnectV5(hex("82 09 0001 00 0003 612f23 2e"));
        assertThat(subscribe.subscriptions()).singleElement().satisfies(r -> {
            assertThat(r.filter()).isEqualTo("a/#");
            assertThat(r.qos()).isEqualTo(2);
            assertThat(r.noLocal()).isTrue();
            assertThat(r.retainAsPublished()).isTrue();
            assertThat(r.retainHandling()).isEqualTo(2);
        });
    }

    @Test
    void decodesShortFormsOfPubackAndDisconnect() {
        PubReply puback = (PubReply) afterConnectV5(hex("40 02 0005"));
        assertThat(puback.type()).isEqualTo(PacketType.PUBACK);
        assertThat(puback.packetId()).isEqualTo(5);
        assertThat(puback.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        PubReply v311 = (PubReply) afterConnectV311(hex("40 02 ff01"));
        assertThat(v311.packetId()).isEqualTo(0xff01);
        assertThat(v311.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        Disconnect disconnect = (Disconnect) afterConnectV5(hex("e0 01 04"));
        assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.DISCONNECT_WITH_WILL);
        Disconnect withExpiry = (Disconnect) afterConnectV5(hex("e0 07 00 05 11 0000003c"));
        assertThat(withExpiry.sessionExpiryInterval()).isEqualTo(60L);
    }

    @Test
    void decodesPacketsSplitAcrossReadsAndSeveralInOneRead() {
        byte[] ping = hex("c0 00");
        byte[] both = new byte[Frames.CONNECT_V5.length + 2];
        System.arraycopy(Frames.CONNECT_V5, 0, both, 0, Frames.CONNECT_V5.length);
        System.arraycopy(ping, 0, both, Frames.CONNECT_V5.length, 2);
        byte[] first = java.util.Arrays.copyOf(both, 5);
        byte[] rest = java.util.Arrays.copyOfRange(both, 5, both.length);
        assertThat(decode(first, rest)).hasSize(2).last().isInstanceOf(dev.iotcorelocal.packet.PingReq.class);
    }

    @Test
    void mqtt311PublishIgnoresNothingAndHasNoProperties() {
        Publish publish = (Publish) afterConnectV311(hex("30 05 0001 74 6869"));
        assertThat(publish.topic()).isEqualTo("t");
        assertThat(publish.properties().isEmpty()).isTrue();
        assertThat(publish.payload()).containsExactly('h', 'i');
    }
}
