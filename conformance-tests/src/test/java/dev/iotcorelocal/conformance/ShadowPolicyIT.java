package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.UnauthorizedException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static dev.iotcorelocal.conformance.PolicyDevices.allow;
import static dev.iotcorelocal.conformance.PolicyDevices.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Policies on the shadow service, as AWS enforces them: a device not allowed iot:Publish on a
 * shadow request topic is refused the PUBLISH (MQTT 5 PUBACK 0x87, MQTT 3.1.1 disconnected) and
 * the shadow does not change; a subscriber not allowed iot:Receive on an answer topic does not get
 * it; over HTTPS with a client certificate the certificate's policies decide the iot-data shadow
 * actions (401 UnauthorizedException). Plain HTTP (SigV4, IAM not emulated) is allowed: it is how
 * these tests read the shadow back.
 */
@IotCoreLocal
class ShadowPolicyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** May connect, get its shadow and read every answer, but not update it. */
    private static final String GET_ONLY = document(
            allow("\"iot:Connect\"", "*"),
            allow("\"iot:Publish\"", "topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/get"),
            allow("[\"iot:Subscribe\"]", "topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*"),
            allow("[\"iot:Receive\"]", "topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*"));
    private static IotCoreEndpoints broker;
    private static IotClient iot;
    private static IotDataPlaneClient sigV4;
    private static PolicyDevices devices;

    @TempDir
    static Path files;

    @BeforeAll
    static void start(IotCoreEndpoints endpoints) {
        broker = endpoints;
        devices = new PolicyDevices(broker, files);
        iot = devices.iot();
        sigV4 = AwsClients.data(broker);
        iot.createPolicy(b -> b.policyName("get-only").policyDocument(GET_ONLY));
    }

    @AfterAll
    static void close() {
        devices.close();
        sigV4.close();
    }

    private static JsonNode shadowOf(String thing) throws Exception {
        return JSON.readTree(sigV4.getThingShadow(b -> b.thingName(thing)).payload().asByteArray());
    }

    private static void reportOn(String thing) {
        sigV4.updateThingShadow(b -> b.thingName(thing)
                .payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{\"on\":true}}}")));
    }

    @Test
    void anMqtt5UpdateThePolicyRefusesGets0x87AndLeavesTheShadowAsItWas() throws Exception {
        String prefix = "$aws/things/locked-5/shadow";
        PolicyDevices.Credentials credentials = devices.thing("locked-5", "get-only");
        reportOn("locked-5");
        Mqtt5BlockingClient device = devices.v5("locked-5", credentials).buildBlocking();
        device.connect();
        try (ShadowInbox inbox = ShadowInbox.of(device)) {
            assertThat(device.subscribeWith().topicFilter(prefix + "/+/+").qos(MqttQos.AT_LEAST_ONCE).send()
                    .getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

            assertThat(PolicyDevices.pubAck(device, prefix + "/update",
                    "{\"state\":{\"reported\":{\"on\":false}},\"clientToken\":\"refused\"}"))
                    .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
            assertThat(PolicyDevices.pubAck(device, prefix + "/get", "{\"clientToken\":\"after\"}"))
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);

            // the allowed get is the first answer: the refused update was never taken, so nothing answered it
            JsonNode got = inbox.next(prefix + "/get/accepted").json();
            assertThat(got.path("clientToken").textValue()).isEqualTo("after");
            assertThat(got.path("version").intValue()).isEqualTo(1);
            assertThat(got.path("state").toString()).isEqualTo("{\"reported\":{\"on\":true}}");
            assertThat(device.getState().isConnected()).as("MQTT 5 refusals keep the connection").isTrue();
        } finally {
            device.disconnect();
        }
        assertThat(shadowOf("locked-5").path("version").intValue()).isEqualTo(1);
    }

    @Test
    void anMqtt311UpdateThePolicyRefusesClosesTheConnectionAndLeavesTheShadowAsItWas() throws Exception {
        PolicyDevices.Credentials credentials = devices.thing("locked-3", "get-only");
        reportOn("locked-3");
        Mqtt3BlockingClient device = devices.v3("locked-3", credentials);
        device.connect();

        assertThatThrownBy(() -> device.publishWith().topic("$aws/things/locked-3/shadow/update")
                .qos(MqttQos.AT_LEAST_ONCE).payload("{\"state\":{\"reported\":{\"on\":false}}}"
                        .getBytes(StandardCharsets.UTF_8)).send());
        await().atMost(Duration.ofSeconds(5)).until(() -> !device.getState().isConnected());

        JsonNode shadow = shadowOf("locked-3");
        assertThat(shadow.path("version").intValue()).isEqualTo(1);
        assertThat(shadow.path("state").toString()).isEqualTo("{\"reported\":{\"on\":true}}");
    }

    @Test
    void aSubscriberWithoutReceiveOnUpdateAcceptedGetsOnlyTheDocumentsItMayReceive() throws Exception {
        String prefix = "$aws/things/watched/shadow";
        iot.createPolicy(b -> b.policyName("documents-only").policyDocument(document(
                allow("[\"iot:Connect\",\"iot:Subscribe\"]", "*"),
                allow("\"iot:Receive\"", "topic/" + prefix + "/update/documents"))));
        Mqtt5BlockingClient watcher = devices.v5("watcher", devices.certificate("watcher", "documents-only"))
                .buildBlocking();
        watcher.connect();
        Mqtt5BlockingClient device = Clients.v5(broker, "watched"); // the dev certificate: allow-all
        device.connect();
        try (ShadowInbox inbox = ShadowInbox.of(watcher)) {
            assertThat(watcher.subscribeWith().topicFilter(prefix + "/update/+").qos(MqttQos.AT_LEAST_ONCE).send()
                    .getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

            assertThat(PolicyDevices.pubAck(device, prefix + "/update",
                    "{\"state\":{\"reported\":{\"on\":true}},\"clientToken\":\"t-1\"}"))
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);

            // update/accepted is published first; update/documents, the marker, is the first the watcher gets
            ShadowInbox.Received first = inbox.next();
            assertThat(first.topic()).isEqualTo(prefix + "/update/documents");
            assertThat(first.json().path("clientToken").textValue()).isEqualTo("t-1");
        } finally {
            watcher.disconnect();
            device.disconnect();
        }
    }

    @Test
    void overHttpsTheCertificatesPoliciesDecideAndARefusalIs401AndChangesNothing() throws Exception {
        // no client ID over HTTPS, so no connection thing: the policy names the thing
        iot.createPolicy(b -> b.policyName("https-get").policyDocument(document(allow(
                "[\"iot:GetThingShadow\",\"iot:ListNamedShadowsForThing\"]", "thing/https-lamp"))));
        PolicyDevices.Credentials credentials = devices.certificate("https-lamp", "https-get");
        reportOn("https-lamp");
        try (IotDataPlaneClient device = AwsClients.data(broker, credentials.certificate(), credentials.key())) {
            assertThat(JSON.readTree(device.getThingShadow(b -> b.thingName("https-lamp")).payload().asByteArray())
                    .path("version").intValue()).as("iot:GetThingShadow on its thing is allowed").isEqualTo(1);

            assertThatThrownBy(() -> device.updateThingShadow(b -> b.thingName("https-lamp")
                    .payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{\"on\":false}}}"))))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(401);
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("Denied iot:UpdateThingShadow on "
                                + PolicyDevices.ARN + "thing/https-lamp: no statement allowed it");
                    });
            assertThatThrownBy(() -> device.getThingShadow(b -> b.thingName("https-lamp").shadowName("named")))
                    .as("a named shadow is its own resource, thing/<thing>/<shadow>")
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(
                            e.awsErrorDetails().errorMessage()).startsWith("Denied iot:GetThingShadow on "
                            + PolicyDevices.ARN + "thing/https-lamp/named"));
            assertThatThrownBy(() -> device.deleteThingShadow(b -> b.thingName("https-lamp")))
                    .isInstanceOf(UnauthorizedException.class);
            assertThatThrownBy(() -> device.listNamedShadowsForThing(b -> b.thingName("https-lamp")))
                    .as("AWS authorizes ListNamedShadowsForThing on * only")
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(
                            e.awsErrorDetails().errorMessage()).startsWith("Denied iot:ListNamedShadowsForThing on *"));
        }
        JsonNode shadow = shadowOf("https-lamp");
        assertThat(shadow.path("version").intValue()).isEqualTo(1);
        assertThat(shadow.path("state").toString()).isEqualTo("{\"reported\":{\"on\":true}}");
    }
}
