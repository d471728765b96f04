package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.Authorizer;
import dev.iotcorelocal.auth.ClientGrant;
import dev.iotcorelocal.auth.ConnectAttempt;
import dev.iotcorelocal.auth.ConnectDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the protocol answers an authorizer's refusals, byte for byte, for MQTT 5 and 3.1.1
 * (aws-iot-policies-and-lifecycle.md §4.1). The authorizer is scripted: what it decides is the
 * policy engine's business, tested elsewhere.
 */
class EnforcementTest {
    private final ScriptedAuthorizer authorizer = new ScriptedAuthorizer();
    private final EmbeddedBroker broker = new EmbeddedBroker(authorizer);

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void aConnectRefusedByPolicyGetsConnack0x87OnMqtt5AndAClosedSocketOnMqtt311() {
        authorizer.verdicts.put("refused", ConnectDecision.Verdict.NOT_AUTHORIZED);
        EmbeddedBroker.Client v5 = broker.client().send(MqttBytes.connect("refused", true, 60, 0, 0));
        EmbeddedBroker.Client v3 = broker.client().send(connect311("refused"));

        SentPacket connack = v5.next();
        assertThat(connack.type()).isEqualTo(SentPacket.CONNACK);
        assertThat(connack.reasonCode()).isEqualTo(0x87);
        assertThat(v5.isOpen()).isFalse();
        assertThat(v3.packets()).as("no CONNACK").isEmpty();
        assertThat(v3.isOpen()).isFalse();
    }

    @Test
    void anUnknownCertificateIsClosedWithoutConnackOnBothVersions() {
        authorizer.verdicts.put("stranger", ConnectDecision.Verdict.UNKNOWN_PRINCIPAL);
        EmbeddedBroker.Client v5 = broker.client().send(MqttBytes.connect("stranger", true, 60, 0, 0));
        EmbeddedBroker.Client v3 = broker.client().send(connect311("stranger"));

        assertThat(v5.packets()).isEmpty();
        assertThat(v5.isOpen()).isFalse();
        assertThat(v3.packets()).isEmpty();
        assertThat(v3.isOpen()).isFalse();
    }

    @Test
    void aRefusedQos1PublishGetsPuback0x87AQos0OneIsDroppedAndTheConnectionStays() {
        authorizer.publishable.add("allowed");
        authorizer.subscribable.add("#");
        authorizer.receivable.add("allowed");
        EmbeddedBroker.Client watcher = broker.subscriber("watcher", "#");
        EmbeddedBroker.Client device = broker.connected(MqttBytes.connect("device", true, 60, 0, 0));

        device.send(MqttBytes.publish(1, "forbidden", 7, "x"));
        SentPacket puback = device.next();
        assertThat(puback.bytes()[0]).isEqualTo((byte) 0x40);
        assertThat(puback.bytes()[4]).as("reason code").isEqualTo((byte) 0x87);
        device.send(MqttBytes.publish(0, "forbidden", 0, "y"));
        device.send(MqttBytes.publish(0, "allowed", 0, "marker"));

        assertThat(device.isOpen()).isTrue();
        watcher.runTasks();
        assertThat(watcher.publishes()).containsExactly("allowed=marker");
    }

    @Test
    void aRefusedPublishOrSubscribeClosesAnMqtt311Connection() {
        EmbeddedBroker.Client publisher = broker.client().send(connect311("publisher"));
        assertThat(publisher.next().type()).isEqualTo(SentPacket.CONNACK);
        EmbeddedBroker.Client subscriber = broker.client().send(connect311("subscriber"));
        assertThat(subscriber.next().type()).isEqualTo(SentPacket.CONNACK);

        publisher.send(publish311(1, "forbidden", 3));
        subscriber.send(subscribe311(4, "forbidden"));

        assertThat(publisher.packets()).as("no PUBACK").isEmpty();
        assertThat(publisher.isOpen()).isFalse();
        assertThat(subscriber.packets()).as("no SUBACK").isEmpty();
        assertThat(subscriber.isOpen()).isFalse();
    }

    @Test
    void aRefusedFilterGetsSuback0x87AndTheOthersTheirQos() {
        authorizer.subscribable.add("allowed/#");
        EmbeddedBroker.Client device = broker.connected(MqttBytes.connect("device", true, 60, 0, 0));

        device.send(MqttBytes.concat(MqttBytes.subscribe(5, "forbidden", 1), MqttBytes.subscribe(6, "allowed/#", 1)));

        assertThat(device.next().bytes()).endsWith(0x87);
        assertThat(device.next().bytes()).endsWith(0x01);
        assertThat(device.isOpen()).isTrue();
    }

    @Test
    void aDeliveryWithoutReceiveIsSkippedLiveRetainedAndQueuedAlike() {
        authorizer.publishable.addAll(Set.of("secret", "open", "marker"));
        authorizer.subscribable.addAll(Set.of("#", "secret", "marker"));
        authorizer.receivable.addAll(Set.of("open", "marker"));
        EmbeddedBroker.Client publisher = broker.connected(MqttBytes.connect("publisher", true, 60, 0, 0));
        publisher.send(retained("secret", "kept"));
        EmbeddedBroker.Client subscriber = broker.subscriber("subscriber", "#");

        publisher.send(MqttBytes.publish(1, "secret", 1, "live"));
        publisher.send(MqttBytes.publish(1, "open", 2, "visible"));
        subscriber.send(MqttBytes.subscribe(2, "secret", 1)); // its retained message is not receivable either
        publisher.send(MqttBytes.publish(0, "marker", 0, "after"));
        subscriber.runTasks();

        assertThat(subscriber.publishes()).containsExactly("open=visible", "marker=after");

        authorizer.receivable.add("secret"); // a policy change applies to the next delivery
        publisher.send(MqttBytes.publish(0, "secret", 0, "now"));
        subscriber.runTasks();
        assertThat(subscriber.publishes()).containsExactly("secret=now");
    }

    @Test
    void aRevokedCertificateEndsTheConnectionWithDisconnect0x87AndItsWillIsPublished() {
        authorizer.publishable.add("status");
        authorizer.subscribable.add("status");
        authorizer.receivable.add("status");
        EmbeddedBroker.Client watcher = broker.subscriber("watcher", "status");
        EmbeddedBroker.Client device = broker.connected(MqttBytes.connect("device", true, 60, 0, 0, "status", 0));

        authorizer.revocations.get("device").run(); // as the registry's writer thread does
        device.runTasks();

        SentPacket disconnect = device.next();
        assertThat(disconnect.type()).isEqualTo(SentPacket.DISCONNECT);
        assertThat(disconnect.reasonCode()).isEqualTo(0x87);
        assertThat(device.isOpen()).isFalse();
        watcher.runTasks();
        assertThat(watcher.publishes()).containsExactly("status=will");
        assertThat(authorizer.released).contains("device");
    }

    private static byte[] retained(String topic, String payload) {
        byte[] publish = MqttBytes.publish(0, topic, 0, payload);
        publish[0] |= 1;
        return publish;
    }

    private static byte[] connect311(String clientId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60});
        string(body, clientId);
        return MqttBytes.packet(0x10, body.toByteArray());
    }

    private static byte[] publish311(int qos, String topic, int packetId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        body.write(packetId >> 8);
        body.write(packetId);
        body.writeBytes("x".getBytes(StandardCharsets.UTF_8));
        return MqttBytes.packet(0x30 | qos << 1, body.toByteArray());
    }

    private static byte[] subscribe311(int packetId, String filter) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId);
        string(body, filter);
        body.write(1);
        return MqttBytes.packet(0x82, body.toByteArray());
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    /** Decides by client ID and by sets of topics the test changes as it goes ("policy changes"). */
    private static final class ScriptedAuthorizer implements Authorizer {
        final Map<String, ConnectDecision.Verdict> verdicts = new ConcurrentHashMap<>();
        final Set<String> publishable = ConcurrentHashMap.newKeySet();
        final Set<String> subscribable = ConcurrentHashMap.newKeySet();
        final Set<String> receivable = ConcurrentHashMap.newKeySet();
        final Map<String, Runnable> revocations = new ConcurrentHashMap<>();
        final Set<String> released = ConcurrentHashMap.newKeySet();

        @Override
        public ConnectDecision connect(ConnectAttempt attempt) {
            ConnectDecision.Verdict verdict = verdicts.getOrDefault(attempt.clientId(), ConnectDecision.Verdict.ALLOWED);
            if (verdict == ConnectDecision.Verdict.NOT_AUTHORIZED) {
                return ConnectDecision.notAuthorized("scripted");
            }
            if (verdict == ConnectDecision.Verdict.UNKNOWN_PRINCIPAL) {
                return ConnectDecision.unknownPrincipal("scripted");
            }
            revocations.put(attempt.clientId(), attempt.revoke());
            return ConnectDecision.allowed(new ClientGrant() {
                @Override
                public boolean canPublish(String topic, boolean retain) {
                    return publishable.contains(topic);
                }

                @Override
                public boolean canSubscribe(String topicFilter) {
                    return subscribable.contains(topicFilter);
                }

                @Override
                public boolean canReceive(String topic, String shareGroup) {
                    return receivable.contains(topic);
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
                    released.add(attempt.clientId());
                }
            });
        }

        @Override
        public String refuseHttp(X509Certificate certificate, String resource, java.util.List<String> actions) {
            return null;
        }
    }
}
