package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.iotcorelocal.config.EventsConfig;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocalExtension;
import dev.iotcorelocal.session.ManualTime;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.ThingPrincipalType;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS IoT's lifecycle events (spec §6) as a subscriber sees them, through real clients: HiveMQ
 * MQTT 5 and 3.1.1 devices over mutual TLS, raw sockets for what real clients do not do (stop
 * talking, vanish, break the protocol), the AWS SDK for DeleteConnection and HTTP Publish. Time
 * is manual, so every timestamp is the exact instant the test set.
 */
class LifecycleEventsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @RegisterExtension
    static final IotCoreLocalExtension iotCore = IotCoreLocalExtension.perClass().withManualTime()
            .withConfig(c -> c.withMqtt(ConnectionLifecycleIT.keepAliveMin(c.mqtt(), 1)));

    @RegisterExtension
    static final IotCoreLocalExtension eventsOff = IotCoreLocalExtension.perClass()
            .withConfig(c -> c.withEvents(new EventsConfig(false)));

    private final IotCoreEndpoints broker = iotCore.endpoints();
    private final ManualTime time = iotCore.time();

    @Test
    void aThingExclusivelyAttachedToTheCertificateIsNamedInEveryEventWhateverTheClientId(@TempDir Path files)
            throws Exception {
        try (IotClient iot = AwsClients.iot(broker);
             EventWatcher events = new EventWatcher(broker, "$aws/events/presence/+/lc-any-id",
                     "$aws/events/subscriptions/+/lc-any-id", "$aws/events/presence/+/lc-lamp")) {
            iot.createThing(b -> b.thingName("lc-lamp"));
            CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(b -> b.setAsActive(true));
            iot.attachPolicy(b -> b.policyName("iotcore-local-dev-allow-all").target(keys.certificateArn()));
            iot.attachThingPrincipal(b -> b.thingName("lc-lamp").principal(keys.certificateArn())
                    .thingPrincipalType(ThingPrincipalType.EXCLUSIVE_THING));
            Path cert = Files.writeString(files.resolve("lamp.pem.crt"), keys.certificatePem());
            Path key = Files.writeString(files.resolve("lamp.pem.key"), keys.keyPair().privateKey());
            MqttClientSslConfig tls = MqttClientSslConfig.builder().keyManagerFactory(Pem.keyManagers(cert, key))
                    .trustManagerFactory(Pem.trustManagers(broker.caCertificate())).build();
            Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier("lc-any-id")
                    .serverHost(broker.host()).serverPort(broker.mqttsPort()).sslConfig(tls).buildBlocking();

            device.connect();
            JsonNode connected = events.next("$aws/events/presence/connected/lc-any-id");
            device.subscribeWith().topicFilter("lc/lamp").send();
            JsonNode subscribed = events.next("$aws/events/subscriptions/subscribed/lc-any-id");
            device.disconnect();
            JsonNode disconnected = events.next("$aws/events/presence/disconnected/lc-any-id");

            assertThat(fieldNames(connected)).containsExactly("clientId", "thingName", "timestamp", "eventType",
                    "sessionIdentifier", "principalIdentifier", "ipAddress", "versionNumber");
            for (JsonNode event : List.of(connected, subscribed, disconnected)) {
                assertThat(event.get("thingName").asText()).as(event.toString()).isEqualTo("lc-lamp");
                assertThat(event.get("principalIdentifier").asText()).isEqualTo(keys.certificateId());
            }

            // Non-exclusive, the client ID naming the thing: associated, but AWS names no thing in the event.
            iot.detachThingPrincipal(b -> b.thingName("lc-lamp").principal(keys.certificateArn()));
            iot.attachThingPrincipal(b -> b.thingName("lc-lamp").principal(keys.certificateArn()));
            Mqtt5BlockingClient named = MqttClient.builder().useMqttVersion5().identifier("lc-lamp")
                    .serverHost(broker.host()).serverPort(broker.mqttsPort()).sslConfig(tls).buildBlocking();
            named.connect();
            JsonNode plain = events.next("$aws/events/presence/connected/lc-lamp");
            named.disconnect();
            assertThat(fieldNames(plain)).doesNotContain("thingName").contains("clientId", "principalIdentifier");
        }
    }

    @Test
    void anMqtt5DeviceIsSeenConnectingSubscribingUnsubscribingAndDisconnectingWithEveryField() throws Exception {
        try (EventWatcher events = new EventWatcher(broker, "$aws/events/presence/+/lc-device",
                "$aws/events/subscriptions/+/lc-device")) {
            Mqtt5BlockingClient device = Clients.v5(broker, "lc-device");
            time.advance(Duration.ofSeconds(1));
            long connectedAt = time.now().toEpochMilli();
            device.connect();
            JsonNode connected = events.next("$aws/events/presence/connected/lc-device");

            time.advance(Duration.ofSeconds(1));
            long subscribedAt = time.now().toEpochMilli();
            device.subscribeWith().addSubscription().topicFilter("lc/a").applySubscription()
                    .addSubscription().topicFilter("lc/b/#").applySubscription().send();
            JsonNode subscribed = events.next("$aws/events/subscriptions/subscribed/lc-device");

            time.advance(Duration.ofSeconds(1));
            device.unsubscribeWith().topicFilter("lc/a").send();
            JsonNode unsubscribed = events.next("$aws/events/subscriptions/unsubscribed/lc-device");

            time.advance(Duration.ofSeconds(1));
            long disconnectedAt = time.now().toEpochMilli();
            device.disconnect();
            JsonNode disconnected = events.next("$aws/events/presence/disconnected/lc-device");

            assertThat(fieldNames(connected)).containsExactly("clientId", "timestamp", "eventType", "sessionIdentifier",
                    "principalIdentifier", "ipAddress", "versionNumber");
            assertThat(connected.get("clientId").asText()).isEqualTo("lc-device");
            assertThat(connected.get("timestamp").isIntegralNumber()).isTrue();
            assertThat(connected.get("timestamp").asLong()).isEqualTo(connectedAt);
            assertThat(connected.get("eventType").asText()).isEqualTo("connected");
            assertThat(connected.get("sessionIdentifier").asText()).matches(UUID_V4);
            assertThat(connected.get("principalIdentifier").asText()).isEqualTo(certificateId(broker))
                    .matches("[0-9a-f]{64}");
            assertThat(connected.get("ipAddress").asText()).isIn("127.0.0.1", "::1");
            assertThat(connected.get("versionNumber").isIntegralNumber()).isTrue();

            assertThat(fieldNames(subscribed)).containsExactly("clientId", "timestamp", "eventType", "sessionIdentifier",
                    "principalIdentifier", "topics");
            assertThat(subscribed.get("timestamp").asLong()).isEqualTo(subscribedAt);
            assertThat(subscribed.get("topics").toString()).isEqualTo("[\"lc/a\",\"lc/b/#\"]");
            assertThat(unsubscribed.get("eventType").asText()).isEqualTo("unsubscribed");
            assertThat(unsubscribed.get("topics").toString()).isEqualTo("[\"lc/a\"]");
            for (JsonNode event : List.of(subscribed, unsubscribed, disconnected)) {
                assertThat(event.get("sessionIdentifier")).isEqualTo(connected.get("sessionIdentifier"));
                assertThat(event.get("principalIdentifier")).isEqualTo(connected.get("principalIdentifier"));
            }

            assertThat(fieldNames(disconnected)).containsExactly("clientId", "timestamp", "eventType",
                    "sessionIdentifier", "principalIdentifier", "clientInitiatedDisconnect", "disconnectReason",
                    "versionNumber");
            assertThat(disconnected.get("timestamp").asLong()).isEqualTo(disconnectedAt);
            assertThat(disconnected.get("clientInitiatedDisconnect").isBoolean()).isTrue();
            assertThat(disconnected.get("clientInitiatedDisconnect").asBoolean()).isTrue();
            assertThat(disconnected.get("disconnectReason").asText()).isEqualTo("CLIENT_INITIATED_DISCONNECT");
            assertThat(disconnected.get("versionNumber")).isEqualTo(connected.get("versionNumber"));
            assertThat(events.lastQos()).as("QoS 0, not retained").isZero();
        }
    }

    @Test
    void anMqtt311DeviceGetsTheSameEvents() throws Exception {
        try (EventWatcher events = new EventWatcher(broker, "$aws/events/+/+/lc-v3")) {
            Mqtt3BlockingClient device = Clients.v3(broker, "lc-v3");
            device.connect();
            JsonNode connected = events.next("$aws/events/presence/connected/lc-v3");
            device.subscribeWith().topicFilter("lc/v3").send();
            assertThat(events.next("$aws/events/subscriptions/subscribed/lc-v3").get("topics").toString())
                    .isEqualTo("[\"lc/v3\"]");
            device.disconnect();
            JsonNode disconnected = events.next("$aws/events/presence/disconnected/lc-v3");
            assertThat(disconnected.get("disconnectReason").asText()).isEqualTo("CLIENT_INITIATED_DISCONNECT");
            assertThat(disconnected.get("sessionIdentifier")).isEqualTo(connected.get("sessionIdentifier"));
        }
    }

    @Test
    void aTakeoverEndsTheOldConnectionWithDuplicateClientIdBeforeTheNewOneIsConnected() throws Exception {
        try (EventWatcher events = new EventWatcher(broker, "$aws/events/presence/+/lc-twin")) {
            Mqtt5BlockingClient first = Clients.v5(broker, "lc-twin");
            first.connect();
            JsonNode firstConnected = events.next("$aws/events/presence/connected/lc-twin");
            Mqtt5BlockingClient second = Clients.v5(broker, "lc-twin");
            second.connect();

            JsonNode firstDisconnected = events.next("$aws/events/presence/disconnected/lc-twin");
            JsonNode secondConnected = events.next("$aws/events/presence/connected/lc-twin");
            assertThat(firstDisconnected.get("disconnectReason").asText()).isEqualTo("DUPLICATE_CLIENTID");
            assertThat(firstDisconnected.get("clientInitiatedDisconnect").asBoolean()).isFalse();
            assertThat(firstDisconnected.get("sessionIdentifier")).isEqualTo(firstConnected.get("sessionIdentifier"));
            assertThat(firstDisconnected.get("versionNumber")).isEqualTo(firstConnected.get("versionNumber"));
            assertThat(secondConnected.get("sessionIdentifier")).isNotEqualTo(firstConnected.get("sessionIdentifier"));
            assertThat(secondConnected.get("versionNumber").asLong())
                    .isEqualTo(firstConnected.get("versionNumber").asLong() + 1);
            second.disconnect();
            events.next("$aws/events/presence/disconnected/lc-twin");
        }
    }

    @Test
    void aClientSilentForOneAndAHalfKeepAlivesIsAKeepAliveTimeout() throws Exception {
        try (EventWatcher events = new EventWatcher(broker, "$aws/events/presence/+/lc-silent");
             RawMqttClient silent = RawMqttClient.tls(broker)) {
            silent.connectV5("lc-silent", 1);
            assertThat(silent.read()[0]).as("CONNACK").isEqualTo((byte) 0x20);
            events.next("$aws/events/presence/connected/lc-silent");
            // sends nothing more: the broker's event loop timer fires after 1.5 s
            JsonNode disconnected = events.next("$aws/events/presence/disconnected/lc-silent");
            assertThat(disconnected.get("disconnectReason").asText()).isEqualTo("MQTT_KEEP_ALIVE_TIMEOUT");
            assertThat(disconnected.get("clientInitiatedDisconnect").asBoolean()).isFalse();
        }
    }

    @Test
    void aSocketClosedWithoutDisconnectIsConnectionLost() throws Exception {
        try (EventWatcher events = new EventWatcher(broker, "$aws/events/presence/+/lc-vanish")) {
            RawMqttClient device = RawMqttClient.tls(broker);
            device.connectV5("lc-vanish", 60);
            device.read();
            events.next("$aws/events/presence/connected/lc-vanish");
            device.close();
            assertThat(events.next("$aws/events/presence/disconnected/lc-vanish").get("disconnectReason").asText())
                    .isEqualTo("CONNECTION_LOST");
        }
    }

    @Test
    void aProtocolErrorTheBrokerDisconnectsForIsAClientError() throws Exception {
        try (EventWatcher events = new EventWatcher(broker, "$aws/events/presence/+/lc-broken");
             RawMqttClient device = RawMqttClient.tls(broker)) {
            device.connectV5("lc-broken", 60);
            device.read();
            device.send("50 02 00 01"); // PUBREC: the broker never sent a QoS 2 PUBLISH
            byte[] disconnect = device.readUntil(14);
            assertThat(disconnect[2] & 0xFF).as("DISCONNECT 0x82 Protocol Error").isEqualTo(0x82);
            events.next("$aws/events/presence/connected/lc-broken");
            assertThat(events.next("$aws/events/presence/disconnected/lc-broken").get("disconnectReason").asText())
                    .isEqualTo("CLIENT_ERROR");
        }
    }

    @Test
    void deleteConnectionIsApiInitiated() throws Exception {
        try (EventWatcher events = new EventWatcher(broker, "$aws/events/presence/+/lc-deleted");
             IotDataPlaneClient data = AwsClients.data(broker)) {
            Mqtt5BlockingClient device = Clients.v5(broker, "lc-deleted");
            device.connect();
            events.next("$aws/events/presence/connected/lc-deleted");
            data.deleteConnection(b -> b.clientId("lc-deleted"));
            JsonNode disconnected = events.next("$aws/events/presence/disconnected/lc-deleted");
            assertThat(disconnected.get("disconnectReason").asText()).isEqualTo("API_INITIATED_DISCONNECT");
            assertThat(disconnected.get("clientInitiatedDisconnect").asBoolean()).isFalse();
        }
    }

    @Test
    void noEventsForAClientIdWithAWildcardCharacterNorForAnHttpPublish() throws Exception {
        try (EventWatcher events = new EventWatcher(broker, "$aws/events/#");
             IotDataPlaneClient data = AwsClients.data(broker)) {
            try (RawMqttClient plus = RawMqttClient.tls(broker)) {
                plus.connectV5("a+b", 60);
                byte[] connack = plus.read();
                assertThat(connack[0]).as("CONNACK").isEqualTo((byte) 0x20);
                assertThat(connack[3]).as("0x00 Success").isZero();
                plus.send(RawMqttClient.subscribe(false, 1, "lc/plus", 0));
                plus.readUntil(9);
                plus.send("e0 00"); // DISCONNECT
            }
            data.publish(b -> b.topic("lc/http").payload(SdkBytes.fromUtf8String("no event")));

            Mqtt5BlockingClient marker = Clients.v5(broker, "lc-marker");
            marker.connect();
            assertThat(events.nextTopic()).as("the first event is the marker's")
                    .isEqualTo("$aws/events/presence/connected/lc-marker");
            marker.disconnect();
        }
    }

    @Test
    void clientsCannotPublishToTheEventTopics() throws Exception {
        try (EventWatcher events = new EventWatcher(broker, "$aws/events/presence/+/lc-forger", "lc/forger/marker");
             RawMqttClient forger = RawMqttClient.tls(broker)) {
            forger.connectV5("lc-forger", 60);
            forger.read();
            events.next("$aws/events/presence/connected/lc-forger");
            forger.send(RawMqttClient.publish(1, "$aws/events/presence/disconnected/lc-forger", 1, "", "{}"));
            assertThat(PacketView.of(forger.readUntil(4)).reasonCode).as("PUBACK 0x90 Topic Name invalid")
                    .isEqualTo(0x90);
            forger.send(RawMqttClient.publish(0, "$aws/events/presence/disconnected/lc-forger", 0, "", "{}"));
            forger.send(RawMqttClient.publish(0, "lc/forger/marker", 0, "", "marker"));
            assertThat(events.nextTopic()).as("neither forgery was delivered").isEqualTo("lc/forger/marker");
            forger.send("e0 00");
            events.next("$aws/events/presence/disconnected/lc-forger");
        }
    }

    @Test
    void aHashFilterDoesNotMatchTheEventTopicsAnExplicitDollarFilterDoes() throws Exception {
        Mqtt5BlockingClient everything = Clients.v5(broker, "lc-watcher-hash");
        everything.connect();
        try (EventWatcher events = new EventWatcher(broker, "$aws/events/presence/+/lc-seen");
             Mqtt5BlockingClient.Mqtt5Publishes hash = everything.publishes(MqttGlobalPublishFilter.ALL)) {
            everything.subscribeWith().topicFilter("#").send();
            Mqtt5BlockingClient device = Clients.v5(broker, "lc-seen");
            device.connect();
            assertThat(events.nextTopic()).isEqualTo("$aws/events/presence/connected/lc-seen");
            device.publishWith().topic("lc/marker").payload("marker".getBytes(StandardCharsets.UTF_8)).send();
            assertThat(hash.receive(5, TimeUnit.SECONDS).orElseThrow().getTopic().toString())
                    .as("'#' got the marker and nothing before it").isEqualTo("lc/marker");
            device.disconnect();
            assertThat(events.nextTopic()).isEqualTo("$aws/events/presence/disconnected/lc-seen");
        } finally {
            everything.disconnect();
        }
    }

    @Test
    void withEventsTurnedOffNothingIsPublished() throws Exception {
        IotCoreEndpoints quiet = eventsOff.endpoints();
        Mqtt5BlockingClient watcher = Clients.v5(quiet, "lc-off-watcher");
        watcher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes in = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter("$aws/events/#").send();
            watcher.subscribeWith().topicFilter("lc/off/marker").send();
            Mqtt5BlockingClient device = Clients.v5(quiet, "lc-off-device");
            device.connect();
            device.disconnect();
            watcher.publishWith().topic("lc/off/marker").payload("marker".getBytes(StandardCharsets.UTF_8)).send();
            assertThat(in.receive(5, TimeUnit.SECONDS).orElseThrow().getTopic().toString()).isEqualTo("lc/off/marker");
        } finally {
            watcher.disconnect();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The certificate ID of the dev client certificate: SHA-256 of its DER, lowercase hex, as AWS names it. */
    private static String certificateId(IotCoreEndpoints broker) throws Exception {
        try (InputStream in = Files.newInputStream(broker.clientCertificate())) {
            byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        }
    }

    /**
     * A subscriber of lifecycle topics. Events about watchers (client IDs "lc-watcher-...", this
     * one's and earlier tests' that are still closing) are skipped; every test waits for the
     * disconnected events of its devices, so nothing else of an earlier test can arrive late.
     */
    private static final class EventWatcher implements AutoCloseable {
        private static int count;
        private final String clientId = "lc-watcher-" + ++count;
        private final Mqtt5BlockingClient client;
        private final Mqtt5BlockingClient.Mqtt5Publishes publishes;
        private Mqtt5Publish last;

        EventWatcher(IotCoreEndpoints broker, String... filters) {
            client = Clients.v5(broker, clientId);
            client.connect();
            publishes = client.publishes(MqttGlobalPublishFilter.ALL);
            for (String filter : filters) {
                client.subscribeWith().topicFilter(filter).send();
            }
        }

        String nextTopic() throws Exception {
            while (true) {
                last = publishes.receive(10, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("no event"));
                String topic = last.getTopic().toString();
                if (!topic.substring(topic.lastIndexOf('/') + 1).startsWith("lc-watcher-")) {
                    return last.getTopic().toString();
                }
            }
        }

        /** The next event, which must be on this topic. */
        JsonNode next(String topic) throws Exception {
            assertThat(nextTopic()).isEqualTo(topic);
            assertThat(last.isRetain()).isFalse();
            return JSON.readTree(last.getPayloadAsBytes());
        }

        int lastQos() {
            return last.getQos().getCode();
        }

        @Override
        public void close() {
            publishes.close();
            client.disconnect();
        }
    }
}
