package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * AWS IoT policies enforced on MQTT, with things, certificates and policies made through the AWS
 * SDK and devices on the HiveMQ client (MQTT 5 and 3.1.1): a device whose policy allows only its
 * own client ID and its thing's topic prefix works inside it and is refused outside it, exactly
 * as AWS answers (aws-iot-policies-and-lifecycle.md §4.1).
 */
@IotCoreLocal
class PolicyEnforcementIT {
    private static final String PREFIX = PolicyDevices.ARN;
    /** Own client ID, topics under things/<thing>/: the tutorial's per-thing policy. */
    private static final String THING_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"" + PREFIX
            + "client/${iot:Connection.Thing.ThingName}\"},"
            + "{\"Effect\":\"Allow\",\"Action\":[\"iot:Publish\",\"iot:Receive\"],\"Resource\":\"" + PREFIX
            + "topic/things/${iot:Connection.Thing.ThingName}/*\"},"
            + "{\"Effect\":\"Allow\",\"Action\":\"iot:Subscribe\",\"Resource\":\"" + PREFIX
            + "topicfilter/things/${iot:Connection.Thing.ThingName}/*\"}]}";
    private static IotCoreEndpoints broker;
    private static IotClient iot;
    private static PolicyDevices devices;

    @TempDir
    static Path files;

    @BeforeAll
    static void start(IotCoreEndpoints endpoints) {
        broker = endpoints;
        devices = new PolicyDevices(broker, files);
        iot = devices.iot();
        iot.createPolicy(b -> b.policyName("per-thing").policyDocument(THING_POLICY));
    }

    @AfterAll
    static void close() {
        devices.close();
    }

    /** A thing and its own certificate with the per-thing policy, as the AWS tutorials provision one. */
    private static PolicyDevices.Credentials provision(String thing) throws Exception {
        return devices.thing(thing, "per-thing");
    }

    @Test
    void mqtt5DeviceWorksInsideItsPolicyAndGets0x87OutsideIt() throws Exception {
        PolicyDevices.Credentials tls = provision("sensor-1");
        Mqtt5BlockingClient device = devices.v5("sensor-1", tls).buildBlocking();
        assertThat(device.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        try (Mqtt5BlockingClient.Mqtt5Publishes in = device.publishes(MqttGlobalPublishFilter.ALL)) {
            Mqtt5SubAck subAck = subscribe(device, Mqtt5Subscribe.builder()
                    .addSubscription().topicFilter("things/sensor-1/#").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                    .addSubscription().topicFilter("things/#").qos(MqttQos.AT_LEAST_ONCE).applySubscription().build());
            assertThat(subAck.getReasonCodes())
                    .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1, Mqtt5SubAckReasonCode.NOT_AUTHORIZED);

            assertThat(pubAck(device, "things/sensor-1/telemetry")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(new String(in.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("things/sensor-1/telemetry");
            assertThat(pubAck(device, "things/sensor-2/telemetry")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
            assertThat(device.getState().isConnected()).as("MQTT 5 refusals keep the connection").isTrue();
        } finally {
            device.disconnect();
        }

        assertThatThrownBy(() -> devices.v5("sensor-2", tls).buildBlocking().connect())
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Mqtt5SubAck subscribe(Mqtt5BlockingClient client, Mqtt5Subscribe subscribe) {
        return PolicyDevices.subscribe(client, subscribe);
    }

    private static Mqtt5PubAckReasonCode pubAck(Mqtt5BlockingClient client, String topic) {
        return PolicyDevices.pubAck(client, topic, topic);
    }

    @Test
    void mqtt311DeviceIsHungUpOnOutsideItsPolicy() throws Exception {
        PolicyDevices.Credentials tls = provision("legacy-1");
        assertThatThrownBy(() -> devices.v3("legacy-2", tls).connect()).as("no CONNACK: the connection is closed")
                .isNotInstanceOf(Mqtt3ConnAckException.class);

        Mqtt3BlockingClient device = devices.v3("legacy-1", tls);
        device.connect();
        device.publishWith().topic("things/legacy-1/ok").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("ok")).send();
        assertThat(device.getState().isConnected()).isTrue();
        assertThatThrownBy(() -> device.subscribeWith().topicFilter("things/#").send());
        await().atMost(Duration.ofSeconds(5)).until(() -> !device.getState().isConnected());

        device.connect();
        assertThatThrownBy(() -> device.publishWith().topic("elsewhere").qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("no")).send());
        await().atMost(Duration.ofSeconds(5)).until(() -> !device.getState().isConnected());
    }

    @Test
    void aSubscriberWithoutReceiveGetsNothingButTheMarkerItMayReceive() throws Exception {
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(b -> b.setAsActive(true));
        iot.createPolicy(b -> b.policyName("subscribe-only").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"iot:Connect\",\"iot:Subscribe\"],\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"iot:Receive\",\"Resource\":\"" + PREFIX + "topic/feed/marker\"}]}"));
        iot.attachPolicy(b -> b.policyName("subscribe-only").target(keys.certificateArn()));
        Mqtt5BlockingClient listener = devices.v5("listener", devices.credentials(keys, "listener")).buildBlocking();
        listener.connect();
        Mqtt5BlockingClient publisher = Clients.v5(broker, "feed-publisher"); // the dev certificate: allow-all
        publisher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes in = listener.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(listener.subscribeWith().topicFilter("feed/#").qos(MqttQos.AT_LEAST_ONCE).send()
                    .getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

            publisher.publishWith().topic("feed/secret").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("secret")).send();
            publisher.publishWith().topic("feed/marker").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("marker")).send();

            assertThat(in.receive(10, TimeUnit.SECONDS).orElseThrow().getTopic().toString()).isEqualTo("feed/marker");
        } finally {
            listener.disconnect();
            publisher.disconnect();
        }
    }

    @Test
    void deactivatingTheCertificateEndsItsConnectionWithDisconnect0x87() throws Exception {
        PolicyDevices.Credentials tls = provision("sensor-3");
        String certificateId = iot.listThingPrincipals(b -> b.thingName("sensor-3")).principals().get(0)
                .replaceFirst(".*cert/", "");
        AtomicReference<Throwable> cause = new AtomicReference<>();
        Mqtt5BlockingClient device = devices.v5("sensor-3", tls).addDisconnectedListener(ctx -> cause.compareAndSet(null,
                ctx.getCause())).buildBlocking();
        device.connect();

        iot.updateCertificate(b -> b.certificateId(certificateId).newStatus("INACTIVE"));

        await().atMost(Duration.ofSeconds(5)).until(() -> cause.get() != null);
        assertThat(cause.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e -> assertThat(
                e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED));
        assertThatThrownBy(() -> devices.v5("sensor-3", tls).buildBlocking().connect()).as("inactive: no CONNACK")
                .isNotInstanceOf(Mqtt5ConnAckException.class);
    }

    @Test
    void anUnregisteredCertificateOfTheLocalCaGetsNoConnack() throws Exception {
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(b -> b.setAsActive(false));
        iot.deleteCertificate(b -> b.certificateId(keys.certificateId()));

        assertThatThrownBy(() -> devices.v5("stranger", devices.credentials(keys, "stranger")).buildBlocking().connect())
                .isNotInstanceOf(Mqtt5ConnAckException.class);
    }

    @Test
    void aNewDefaultPolicyVersionAppliesToTheNextPublish() throws Exception {
        PolicyDevices.Credentials tls = provision("sensor-4");
        iot.createPolicy(b -> b.policyName("extra").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Deny\",\"Action\":\"iot:Publish\",\"Resource\":\"" + PREFIX + "topic/nothing\"}]}"));
        String certificateArn = iot.listThingPrincipals(b -> b.thingName("sensor-4")).principals().get(0);
        iot.attachPolicy(b -> b.policyName("extra").target(certificateArn));
        Mqtt5BlockingClient device = devices.v5("sensor-4", tls).buildBlocking();
        device.connect();
        try {
            assertThat(pubAck(device, "shared/status")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);

            iot.createPolicyVersion(b -> b.policyName("extra").setAsDefault(true).policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\","
                            + "\"Resource\":\"" + PREFIX + "topic/shared/*\"}]}"));

            assertThat(pubAck(device, "shared/status")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        } finally {
            device.disconnect();
        }
    }
}
