package dev.iotcorelocal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.auth.Authorizer;
import dev.iotcorelocal.auth.ClientGrant;
import dev.iotcorelocal.auth.ConnectAttempt;
import dev.iotcorelocal.auth.ConnectDecision;
import dev.iotcorelocal.config.TransportConfig;
import dev.iotcorelocal.limits.ConnectRefusalLog;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way the broker knows a connection to end, and the {@code disconnectReason} its
 * disconnected event says (spec §6.3), seen by a subscriber of the lifecycle topics. Each client
 * has its own in-memory event loop, so a takeover's order across loops is exact.
 */
class LifecycleEventCausesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Allows everything except CONNECT as "denied*" and PUBLISH or SUBSCRIBE to "forbidden/...". */
    private static final Authorizer SOME_DENIALS = new Authorizer() {
        @Override
        public ConnectDecision connect(ConnectAttempt attempt) {
            return attempt.clientId().startsWith("denied") ? ConnectDecision.notAuthorized("test: denied*")
                    : ConnectDecision.allowed(SOME_DENIALS_GRANT);
        }

        @Override
        public String refuseHttp(X509Certificate certificate, String resource, java.util.List<String> actions) {
            return null;
        }
    };

    private static final ClientGrant SOME_DENIALS_GRANT = new ClientGrant() {
        @Override
        public boolean canPublish(String topic, boolean retain) {
            return !topic.startsWith("forbidden/");
        }

        @Override
        public boolean canSubscribe(String topicFilter) {
            return !topicFilter.startsWith("forbidden/");
        }

        @Override
        public boolean canReceive(String topic, String shareGroup) {
            return true;
        }

        @Override
        public String thingName() {
            return null;
        }

        @Override
        public String principalId() {
            return "";
        }

        @Override
        public void release() {
        }
    };

    private final EmbeddedBroker broker = new EmbeddedBroker(config -> config.withTransport(
            new TransportConfig(512, 256, 4096, 5000, 1)), new ConnectRefusalLog(), SOME_DENIALS);
    private final EmbeddedBroker.Client watcher = broker.subscriber("watcher", "$aws/events/presence/+/+");

    @AfterEach
    void closeClients() {
        broker.close();
    }

    @Test
    void aClientDisconnectIsClientInitiated() {
        EmbeddedBroker.Client device = broker.connected(MqttBytes.connect("device", true, 60, 0, 0));
        device.send(MqttBytes.packet(0xE0, new byte[] {0}));
        JsonNode event = disconnected("device");
        assertThat(event.get("disconnectReason").asText()).isEqualTo("CLIENT_INITIATED_DISCONNECT");
        assertThat(event.get("clientInitiatedDisconnect").asBoolean()).isTrue();
    }

    @Test
    void aTakeoverEndsTheOldConnectionWithDuplicateClientIdBeforeTheNewOneIsConnected() {
        broker.connected(MqttBytes.connect("device", true, 60, 0, 0));
        broker.connected(MqttBytes.connect("device", true, 60, 0, 0)); // on another loop: its task not run yet

        List<JsonNode> events = events();
        assertThat(events).extracting(e -> e.get("eventType").asText() + " " + e.get("versionNumber").asLong())
                .containsExactly("connected 0", "disconnected 0", "connected 1");
        assertThat(events.get(1).get("disconnectReason").asText()).isEqualTo("DUPLICATE_CLIENTID");
        assertThat(events.get(1).get("clientInitiatedDisconnect").asBoolean()).isFalse();
        assertThat(events.get(1).get("sessionIdentifier")).isEqualTo(events.get(0).get("sessionIdentifier"));
        assertThat(events.get(2).get("sessionIdentifier")).isNotEqualTo(events.get(0).get("sessionIdentifier"));
    }

    @Test
    void keepAliveExpiry() {
        EmbeddedBroker.Client device = broker.connected(MqttBytes.connect("device", true, 30, 0, 0));
        device.advance(45_000);
        assertThat(reasonOf("device")).isEqualTo("MQTT_KEEP_ALIVE_TIMEOUT");
    }

    @Test
    void aSocketClosedWithoutDisconnectIsConnectionLost() {
        EmbeddedBroker.Client device = broker.connected(MqttBytes.connect("device", true, 60, 0, 0));
        device.channel.close();
        assertThat(reasonOf("device")).isEqualTo("CONNECTION_LOST");
    }

    @Test
    void aNetworkErrorIsConnectionLostAndAnUnexpectedErrorIsServerError() {
        EmbeddedBroker.Client reset = broker.connected(MqttBytes.connect("reset", true, 60, 0, 0));
        reset.channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        assertThat(reasonOf("reset")).isEqualTo("CONNECTION_LOST");

        EmbeddedBroker.Client tls = broker.connected(MqttBytes.connect("tls", true, 60, 0, 0));
        tls.channel.pipeline().fireExceptionCaught(new DecoderException(new javax.net.ssl.SSLException("bad record")));
        assertThat(reasonOf("tls")).isEqualTo("CONNECTION_LOST");

        EmbeddedBroker.Client bug = broker.connected(MqttBytes.connect("bug", true, 60, 0, 0));
        bug.channel.pipeline().fireExceptionCaught(new IllegalStateException("a broker bug"));
        assertThat(reasonOf("bug")).isEqualTo("SERVER_ERROR");
    }

    @Test
    void protocolViolationsAreClientErrors() {
        EmbeddedBroker.Client pubrec = broker.connected(MqttBytes.connect("pubrec", true, 60, 0, 0));
        pubrec.send(new byte[] {0x50, 2, 0, 1}); // PUBREC without a QoS 2 exchange
        assertThat(reasonOf("pubrec")).isEqualTo("CLIENT_ERROR");

        EmbeddedBroker.Client malformed = broker.connected(MqttBytes.connect("malformed", true, 60, 0, 0));
        malformed.send(new byte[] {(byte) 0x82, 1, 0}); // SUBSCRIBE cut short
        assertThat(reasonOf("malformed")).isEqualTo("CLIENT_ERROR");

        EmbeddedBroker.Client qos2 = broker.connected(MqttBytes.connect("qos2", true, 60, 0, 0));
        qos2.send(MqttBytes.publish(2, "t", 1, "x"));
        assertThat(reasonOf("qos2")).isEqualTo("CLIENT_ERROR");
    }

    @Test
    void aClientThatDoesNotReadIsAClientError() {
        EmbeddedBroker.Client deaf = broker.connected(MqttBytes.connect("deaf", true, 60, 0, 0));
        deaf.stall();
        byte[] pings = new byte[2 * 20_000];
        for (int i = 0; i < pings.length; i += 2) {
            pings[i] = (byte) 0xC0;
        }
        deaf.send(pings);
        assertThat(deaf.isOpen()).isFalse();
        assertThat(reasonOf("deaf")).isEqualTo("CLIENT_ERROR");
    }

    @Test
    void mqtt311ClosedForAQuotaIsThrottledForASizeLimitAClientErrorForADenialAnAuthError() {
        EmbeddedBroker.Client quota = broker.connected(v311Connect("quota"));
        quota.send(v311Subscribe(1, "a/1", "a/2", "a/3", "a/4", "a/5", "a/6", "a/7", "a/8", "a/9")); // AWS: 8 per SUBSCRIBE
        assertThat(reasonOf("quota")).isEqualTo("THROTTLED");

        EmbeddedBroker.Client large = broker.connected(v311Connect("large"));
        large.send(v311Publish1("big", "x".repeat(140_000))); // over the 128 KiB payload limit
        assertThat(reasonOf("large")).isEqualTo("CLIENT_ERROR");

        EmbeddedBroker.Client denied = broker.connected(v311Connect("denied-subscriber".substring(7)));
        denied.send(v311Subscribe(1, "forbidden/x"));
        assertThat(reasonOf("subscriber")).isEqualTo("AUTH_ERROR");
    }

    @Test
    void anMqtt5DenialIsAnsweredWithItsReasonCodeAndEndsNothing() {
        EmbeddedBroker.Client device = broker.connected(MqttBytes.connect("device", true, 60, 0, 0));
        device.send(MqttBytes.publish(1, "forbidden/x", 7, "x"));
        byte[] puback = device.next().bytes();
        assertThat(puback[0]).as("PUBACK").isEqualTo((byte) 0x40);
        assertThat(new byte[] {puback[2], puback[3], puback[4]}).as("packet id 7, 0x87 Not authorized")
                .containsExactly(0, 7, 0x87);
        assertThat(device.isOpen()).isTrue();
        assertThat(events()).extracting(e -> e.get("eventType").asText()).containsExactly("connected");
    }

    @Test
    void serverShutdownIsServerInitiated() {
        EmbeddedBroker.Client device = broker.connected(MqttBytes.connect("device", true, 60, 0, 0));
        device.channel.pipeline().get(MqttChannelHandler.class).serverShutdown();
        assertThat(device.packets()).extracting(SentPacket::reasonCode).containsExactly(0x8B);
        assertThat(reasonOf("device")).isEqualTo("SERVER_INITIATED_DISCONNECT");
    }

    @Test
    void deleteConnectionIsApiInitiated() {
        EmbeddedBroker.Client device = broker.connected(MqttBytes.connect("device", true, 60, 0, 0));
        assertThat(broker.registry.disconnect("device", false, false)).isTrue();
        device.runTasks();
        assertThat(device.packets()).extracting(SentPacket::reasonCode).containsExactly(0x98);
        assertThat(reasonOf("device")).isEqualTo("API_INITIATED_DISCONNECT");
    }

    @Test
    void aConnectRefusedAsNotAuthorizedIsConnectFailedInBothProtocolVersionsAndNothingElse() {
        EmbeddedBroker.Client v5 = broker.client();
        v5.send(MqttBytes.connect("denied-5", true, 60, 0, 0));
        assertThat(v5.next().reasonCode()).isEqualTo(0x87);
        EmbeddedBroker.Client v3 = broker.client();
        v3.send(v311Connect("denied-3"));
        assertThat(v3.packets()).as("MQTT 3.1.1: hung up on without CONNACK, as AWS").isEmpty();
        assertThat(v3.isOpen()).isFalse();
        v5.channel.close();
        v3.channel.close();
        broker.connected(MqttBytes.connect("marker", true, 60, 0, 0));

        List<JsonNode> events = events();
        assertThat(events).extracting(e -> e.get("eventType").asText() + " " + e.get("clientId").asText())
                .containsExactly("connect_failed denied-5", "connect_failed denied-3", "connected marker");
        JsonNode failed = events.get(0);
        assertThat(failed.get("connectFailureReason").asText()).isEqualTo("AUTHORIZATION_FAILED");
        assertThat(failed.get("principalIdentifier").asText()).isEqualTo("anonymous");
        assertThat(failed.get("timestamp").asLong()).isEqualTo(broker.time.now().toEpochMilli());
        assertThat(failed.has("versionNumber")).isFalse();
    }

    @Test
    void subscriptionEventsListTheGrantedFiltersOfOnePacket() {
        EmbeddedBroker.Client subscriptions = broker.subscriber("subscriptions-watcher", "$aws/events/subscriptions/#");
        EmbeddedBroker.Client device = broker.connected(MqttBytes.connect("device", true, 60, 0, 0));
        device.send(MqttBytes.packet(0x82, concat(new byte[] {0, 1, 0}, filter("a/+", 1), filter("forbidden/x", 0),
                filter("b/#", 0))));
        device.send(MqttBytes.packet(0xA2, concat(new byte[] {0, 2, 0}, string("a/+"), string("never/subscribed"))));
        device.send(MqttBytes.packet(0x82, concat(new byte[] {0, 3, 0}, filter("forbidden/y", 0)))); // none granted

        List<String> all = subscriptions.publishes();
        assertThat(all.get(0)).as("the watcher's own SUBSCRIBE, routed once it is subscribed")
                .startsWith("$aws/events/subscriptions/subscribed/subscriptions-watcher=");
        List<String> payloads = all.subList(1, all.size());
        assertThat(payloads).hasSize(2);
        JsonNode subscribed = parse(payloads.get(0).substring(payloads.get(0).indexOf('=') + 1));
        JsonNode unsubscribed = parse(payloads.get(1).substring(payloads.get(1).indexOf('=') + 1));
        assertThat(payloads.get(0)).startsWith("$aws/events/subscriptions/subscribed/device=");
        assertThat(subscribed.get("topics").toString()).isEqualTo("[\"a/+\",\"b/#\"]");
        assertThat(payloads.get(1)).startsWith("$aws/events/subscriptions/unsubscribed/device=");
        assertThat(unsubscribed.get("topics").toString()).isEqualTo("[\"a/+\",\"never/subscribed\"]");
    }

    private String reasonOf(String clientId) {
        return disconnected(clientId).get("disconnectReason").asText();
    }

    /** The one disconnected event of the client, after its connected event. */
    private JsonNode disconnected(String clientId) {
        List<JsonNode> mine = events().stream().filter(e -> e.get("clientId").asText().equals(clientId)).toList();
        assertThat(mine).extracting(e -> e.get("eventType").asText()).containsExactly("connected", "disconnected");
        return mine.get(1);
    }

    private List<JsonNode> events() {
        return watcher.publishes().stream().map(p -> parse(p.substring(p.indexOf('=') + 1))).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] v311Connect(String clientId) {
        return MqttBytes.packet(0x10, concat(string("MQTT"), new byte[] {4, 0x02, 0, 60}, string(clientId)));
    }

    private static byte[] v311Subscribe(int packetId, String... filters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId);
        for (String f : filters) {
            body.writeBytes(filter(f, 1));
        }
        return MqttBytes.packet(0x82, body.toByteArray());
    }

    private static byte[] v311Publish1(String topic, String payload) {
        return MqttBytes.packet(0x32, concat(string(topic), new byte[] {0, 1}, payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] filter(String filter, int options) {
        return concat(string(filter), new byte[] {(byte) options});
    }

    private static byte[] string(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] {(byte) (bytes.length >> 8), (byte) bytes.length}, bytes);
    }

    private static byte[] concat(byte[]... parts) {
        return MqttBytes.concat(parts);
    }
}
