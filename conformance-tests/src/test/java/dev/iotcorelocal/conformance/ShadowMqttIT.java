package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Device shadows over MQTT with the HiveMQ client, MQTT 5 and 3.1.1: the request topics, every
 * response topic to every subscriber, AWS's documents and refusals.
 */
@IotCoreLocal
class ShadowMqttIT {
    private final IotCoreEndpoints broker;

    ShadowMqttIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    private static void publish(Mqtt5BlockingClient client, String topic, String payload) {
        Mqtt5PublishResult result = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        assertThat(result.getError()).as("PUBACK of %s", topic).isEmpty();
    }

    private static void publish(Mqtt3BlockingClient client, String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    @Test
    void aDeviceOnMqtt5AndAnAppOnMqtt311ShareOneClassicShadowFromCreationToDeleteAndRecreate() throws Exception {
        String prefix = "$aws/things/it-lamp/shadow";
        Mqtt5BlockingClient device = Clients.v5(broker, "shadow-device");
        Mqtt3BlockingClient app = Clients.v3(broker, "shadow-app");
        device.connect();
        app.connect();
        try (ShadowInbox deviceInbox = ShadowInbox.of(device); ShadowInbox appInbox = ShadowInbox.of(app)) {
            // the device SDKs' wildcards inside the shadow topics
            device.subscribeWith().topicFilter(prefix + "/get/+").qos(MqttQos.AT_LEAST_ONCE).send();
            device.subscribeWith().topicFilter(prefix + "/update/+").qos(MqttQos.AT_LEAST_ONCE).send();
            device.subscribeWith().topicFilter(prefix + "/delete/+").qos(MqttQos.AT_LEAST_ONCE).send();
            app.subscribeWith().topicFilter(prefix + "/update/delta").qos(MqttQos.AT_LEAST_ONCE).send();

            publish(device, prefix + "/get", "");
            JsonNode missing = deviceInbox.next(prefix + "/get/rejected").json();
            assertThat(missing.path("code").isInt()).isTrue();
            assertThat(missing.path("code").intValue()).isEqualTo(404);
            assertThat(missing.path("message").textValue()).isEqualTo("No shadow exists with name: 'it-lamp'");

            publish(device, prefix + "/update", "{\"state\":{\"reported\":{\"on\":false,\"lux\":3}},\"clientToken\":\"d1\"}");
            ShadowInbox.Received accepted = deviceInbox.next(prefix + "/update/accepted");
            assertThat(accepted.json().path("version").intValue()).isEqualTo(1);
            assertThat(accepted.json().path("clientToken").textValue()).isEqualTo("d1");
            assertThat(accepted.text()).startsWith("{\"state\":{\"reported\":{\"on\":false,\"lux\":3}},\"metadata\":"
                    + "{\"reported\":{\"on\":{\"timestamp\":");
            assertThat(accepted.qos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            assertThat(accepted.retain()).isFalse();
            JsonNode created = deviceInbox.next(prefix + "/update/documents").json();
            assertThat(created.has("previous")).isFalse();
            assertThat(created.path("current").path("version").intValue()).isEqualTo(1);

            publish(app, prefix + "/update", "{\"state\":{\"desired\":{\"on\":true,\"lux\":3}},\"clientToken\":\"a1\"}");
            assertThat(deviceInbox.next(prefix + "/update/accepted").json().path("version").intValue()).isEqualTo(2);
            JsonNode delta = deviceInbox.next(prefix + "/update/delta").json();
            assertThat(delta.path("state").toString()).isEqualTo("{\"on\":true}");
            assertThat(delta.path("version").intValue()).isEqualTo(2);
            assertThat(delta.path("clientToken").textValue()).isEqualTo("a1");
            assertThat(appInbox.next(prefix + "/update/delta").json()).isEqualTo(delta);
            JsonNode documents = deviceInbox.next(prefix + "/update/documents").json();
            assertThat(documents.path("previous").path("version").intValue()).isEqualTo(1);
            assertThat(documents.path("current").path("state").path("desired").toString())
                    .isEqualTo("{\"on\":true,\"lux\":3}");

            publish(device, prefix + "/get", "{\"clientToken\":\"g1\"}");
            JsonNode got = deviceInbox.next(prefix + "/get/accepted").json();
            assertThat(got.path("state").path("delta").toString()).isEqualTo("{\"on\":true}");
            assertThat(got.path("metadata").path("delta").path("on").path("timestamp").isNumber()).isTrue();
            assertThat(got.path("clientToken").textValue()).isEqualTo("g1");

            // reported catches up: no delta; documents follow accepted directly (the marker)
            publish(device, prefix + "/update", "{\"state\":{\"reported\":{\"on\":true}}}");
            assertThat(deviceInbox.next(prefix + "/update/accepted").json().path("version").intValue()).isEqualTo(3);
            deviceInbox.next(prefix + "/update/documents");

            publish(app, prefix + "/delete", "");
            JsonNode deleted = deviceInbox.next(prefix + "/delete/accepted").json();
            assertThat(deleted.path("version").intValue()).isEqualTo(3);
            publish(device, prefix + "/get", "");
            assertThat(deviceInbox.next(prefix + "/get/rejected").json().path("code").intValue()).isEqualTo(404);
            publish(device, prefix + "/update", "{\"state\":{\"reported\":{\"on\":true}},\"version\":3}");
            assertThat(deviceInbox.next(prefix + "/update/accepted").json().path("version").intValue())
                    .as("the version goes on after delete").isEqualTo(4);
            assertThat(deviceInbox.next(prefix + "/update/documents").json().has("previous")).isFalse();
        } finally {
            device.disconnect();
            app.disconnect();
        }
    }

    @Test
    void aNamedShadowOverMqtt311WithTwoLevelWildcardsAndItsOwnVersions() throws Exception {
        String named = "$aws/things/it-fan/shadow/name/speed";
        Mqtt3BlockingClient device = Clients.v3(broker, "shadow-fan");
        device.connect();
        try (ShadowInbox inbox = ShadowInbox.of(device)) {
            device.subscribeWith().topicFilter(named + "/+/+").qos(MqttQos.AT_LEAST_ONCE).send();
            publish(device, "$aws/things/it-fan/shadow/update", "{\"state\":{\"reported\":{\"classic\":1}}}");
            publish(device, named + "/update", "{\"state\":{\"desired\":{\"rpm\":900}},\"clientToken\":\"n1\"}");
            JsonNode accepted = inbox.next(named + "/update/accepted").json();
            assertThat(accepted.path("version").intValue()).as("the classic update is another shadow").isEqualTo(1);
            assertThat(inbox.next(named + "/update/delta").json().path("state").toString()).isEqualTo("{\"rpm\":900}");
            inbox.next(named + "/update/documents");
            publish(device, named + "/get", "");
            assertThat(inbox.next(named + "/get/accepted").json().path("state").path("desired").toString())
                    .isEqualTo("{\"rpm\":900}");
        } finally {
            device.disconnect();
        }
    }

    @Test
    void refusalsArriveOnTheRejectedTopicWithAwsCodesAndTheClientToken() throws Exception {
        String prefix = "$aws/things/it-refusals/shadow";
        Mqtt5BlockingClient device = Clients.v5(broker, "shadow-refusals");
        device.connect();
        try (ShadowInbox inbox = ShadowInbox.of(device)) {
            device.subscribeWith().topicFilter(prefix + "/+/+").qos(MqttQos.AT_LEAST_ONCE).send();
            publish(device, prefix + "/update", "{not json");
            assertRejected(inbox.next(prefix + "/update/rejected").json(), 400, "Invalid JSON", null);
            publish(device, prefix + "/update", "{\"clientToken\":\"t1\"}");
            assertRejected(inbox.next(prefix + "/update/rejected").json(), 400, "Missing required node: state", "t1");
            publish(device, prefix + "/update", "{\"state\":{\"desired\":{\"c\":[null]}},\"clientToken\":\"t2\"}");
            assertRejected(inbox.next(prefix + "/update/rejected").json(), 400, "State contains an invalid node", "t2");
            publish(device, prefix + "/delete", "{\"clientToken\":\"t3\"}");
            assertRejected(inbox.next(prefix + "/delete/rejected").json(), 404,
                    "No shadow exists with name: 'it-refusals'", "t3");

            publish(device, prefix + "/update", "{\"state\":{\"reported\":{\"v\":1}}}");
            inbox.next(prefix + "/update/accepted");
            inbox.next(prefix + "/update/documents");
            publish(device, prefix + "/update", "{\"state\":{\"reported\":{\"v\":2}},\"version\":7,\"clientToken\":\"t4\"}");
            assertRejected(inbox.next(prefix + "/update/rejected").json(), 409, "Version conflict", "t4");
            String big = "x".repeat(9000); // over 8 KB of state, well under the 128 KB payload limit
            publish(device, prefix + "/update", "{\"state\":{\"reported\":{\"big\":\"" + big + "\"}},\"clientToken\":\"t5\"}");
            assertRejected(inbox.next(prefix + "/update/rejected").json(), 413,
                    "The payload exceeds the maximum size allowed", "t5");
            publish(device, prefix + "/get", "");
            assertThat(inbox.next(prefix + "/get/accepted").json().path("version").intValue())
                    .as("no refusal changed the shadow").isEqualTo(1);
        } finally {
            device.disconnect();
        }
    }

    private static void assertRejected(JsonNode rejected, int code, String message, String clientToken) {
        assertThat(rejected.path("code").isInt()).as("code is an integer").isTrue();
        assertThat(rejected.path("code").intValue()).isEqualTo(code);
        assertThat(rejected.path("message").textValue()).isEqualTo(message);
        assertThat(rejected.path("timestamp").isNumber()).isTrue();
        assertThat(rejected.path("clientToken").textValue()).isEqualTo(clientToken);
    }

    @Test
    void topicsNamingAnInvalidThingOrShadowAreRefusedByTheBrokerWithPuback0x90() {
        Mqtt5BlockingClient device = Clients.v5(broker, "shadow-bad-names");
        device.connect();
        try {
            for (String topic : new String[] {"$aws/things/bad.thing/shadow/update",
                    "$aws/things/lamp/shadow/name/bad name/get", "$aws/things/" + "t".repeat(129) + "/shadow/get"}) {
                assertThatThrownBy(() -> device.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                        .payload("{\"state\":{}}".getBytes(StandardCharsets.UTF_8)).send())
                        .as(topic).isInstanceOfSatisfying(Mqtt5PubAckException.class, e -> assertThat(
                                e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID));
            }
        } finally {
            device.disconnect();
        }
    }

    @Test
    void answersGoToEverySubscriberCappedByItsQosAndAreNeverRetained() throws Exception {
        String prefix = "$aws/things/it-watched/shadow";
        Mqtt5BlockingClient device = Clients.v5(broker, "shadow-watched");
        Mqtt5BlockingClient watcher = Clients.v5(broker, "shadow-watcher");
        device.connect();
        watcher.connect();
        try (ShadowInbox watching = ShadowInbox.of(watcher)) {
            watcher.subscribeWith().topicFilter(prefix + "/update/accepted").qos(MqttQos.AT_MOST_ONCE).send();
            publish(device, prefix + "/update", "{\"state\":{\"reported\":{\"n\":1}}}");
            ShadowInbox.Received seen = watching.next(prefix + "/update/accepted");
            assertThat(seen.qos()).as("capped by the subscription").isEqualTo(MqttQos.AT_MOST_ONCE);
            assertThat(seen.json().path("version").intValue()).isEqualTo(1);
        }
        Mqtt5BlockingClient late = Clients.v5(broker, "shadow-late");
        late.connect();
        try (ShadowInbox lateInbox = ShadowInbox.of(late)) {
            late.subscribeWith().topicFilter(prefix + "/update/accepted").qos(MqttQos.AT_LEAST_ONCE).send();
            publish(device, prefix + "/update", "{\"state\":{\"reported\":{\"n\":2}}}");
            ShadowInbox.Received first = lateInbox.next(prefix + "/update/accepted");
            assertThat(first.json().path("version").intValue()).as("no retained answer came first").isEqualTo(2);
            assertThat(first.retain()).isFalse();
        } finally {
            late.disconnect();
            device.disconnect();
            watcher.disconnect();
        }
    }
}
