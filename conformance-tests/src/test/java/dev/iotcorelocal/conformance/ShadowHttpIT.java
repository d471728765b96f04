package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.ConflictException;
import software.amazon.awssdk.services.iotdataplane.model.InvalidRequestException;
import software.amazon.awssdk.services.iotdataplane.model.IotDataPlaneException;
import software.amazon.awssdk.services.iotdataplane.model.ListNamedShadowsForThingResponse;
import software.amazon.awssdk.services.iotdataplane.model.RequestEntityTooLargeException;
import software.amazon.awssdk.services.iotdataplane.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iotdataplane.model.UnsupportedDocumentEncodingException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** iot-data's shadow operations with the AWS SDK for Java v2, watched by an MQTT device. */
@IotCoreLocal
class ShadowHttpIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IotCoreEndpoints broker;

    ShadowHttpIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    private static JsonNode json(SdkBytes bytes) throws IOException {
        return JSON.readTree(bytes.asByteArray());
    }

    @Test
    void anHttpUpdatePublishesWhatAnMqttUpdateDoesAndTheDeviceGetsItsDelta() throws Exception {
        String prefix = "$aws/things/http-lamp/shadow";
        Mqtt5BlockingClient device = Clients.v5(broker, "http-shadow-device");
        device.connect();
        try (IotDataPlaneClient data = AwsClients.data(broker); ShadowInbox inbox = ShadowInbox.of(device)) {
            device.subscribeWith().topicFilter(prefix + "/+/+").qos(MqttQos.AT_LEAST_ONCE).send();
            device.publishWith().topic(prefix + "/update").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"state\":{\"reported\":{\"color\":\"red\"}}}".getBytes(StandardCharsets.UTF_8)).send();
            inbox.next(prefix + "/update/accepted");
            inbox.next(prefix + "/update/documents");

            JsonNode body = json(data.updateThingShadow(b -> b.thingName("http-lamp")
                    .payload(SdkBytes.fromUtf8String("{\"state\":{\"desired\":{\"color\":\"green\"}},"
                            + "\"clientToken\":\"app-1\"}"))).payload());
            assertThat(body.path("version").intValue()).isEqualTo(2);
            assertThat(body.path("state").toString()).isEqualTo("{\"desired\":{\"color\":\"green\"}}");
            assertThat(body.path("clientToken").textValue()).isEqualTo("app-1");
            assertThat(inbox.next(prefix + "/update/accepted").json()).isEqualTo(body);
            JsonNode delta = inbox.next(prefix + "/update/delta").json();
            assertThat(delta.path("state").toString()).isEqualTo("{\"color\":\"green\"}");
            assertThat(inbox.next(prefix + "/update/documents").json().path("current").path("version").intValue())
                    .isEqualTo(2);

            JsonNode shadow = json(data.getThingShadow(b -> b.thingName("http-lamp")).payload());
            assertThat(shadow.path("state").toString()).isEqualTo("{\"desired\":{\"color\":\"green\"},"
                    + "\"reported\":{\"color\":\"red\"},\"delta\":{\"color\":\"green\"}}");

            JsonNode deleted = json(data.deleteThingShadow(b -> b.thingName("http-lamp")).payload());
            assertThat(deleted.path("version").intValue()).isEqualTo(2);
            assertThat(inbox.next(prefix + "/delete/accepted").json()).isEqualTo(deleted);
            assertThatThrownBy(() -> data.getThingShadow(b -> b.thingName("http-lamp")))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No shadow exists with name: 'http-lamp'");
                    });
            JsonNode recreated = json(data.updateThingShadow(b -> b.thingName("http-lamp")
                    .payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{\"color\":\"blue\"}}}"))).payload());
            assertThat(recreated.path("version").intValue()).as("deleting keeps the version").isEqualTo(3);
        } finally {
            device.disconnect();
        }
    }

    @Test
    void httpRefusalsAreAwsErrorsAndNothingIsPublished() throws Exception {
        String prefix = "$aws/things/http-errors/shadow";
        Mqtt5BlockingClient device = Clients.v5(broker, "http-shadow-errors");
        device.connect();
        try (IotDataPlaneClient data = AwsClients.data(broker); ShadowInbox inbox = ShadowInbox.of(device)) {
            device.subscribeWith().topicFilter(prefix + "/+/+").qos(MqttQos.AT_LEAST_ONCE).send();
            data.updateThingShadow(b -> b.thingName("http-errors")
                    .payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{\"a\":1}}}")));
            inbox.next(prefix + "/update/accepted");
            inbox.next(prefix + "/update/documents");

            assertError(() -> data.updateThingShadow(b -> b.thingName("http-errors")
                    .payload(SdkBytes.fromUtf8String("{\"state\":5}"))), InvalidRequestException.class, 400,
                    "State node must be an object");
            assertError(() -> data.updateThingShadow(b -> b.thingName("http-errors")
                    .payload(SdkBytes.fromUtf8String("{\"state\":{},\"version\":9}"))), ConflictException.class, 409,
                    "Version conflict");
            assertError(() -> data.updateThingShadow(b -> b.thingName("http-errors").payload(SdkBytes.fromUtf8String(
                    "{\"state\":{\"reported\":{\"b\":\"" + "x".repeat(9000) + "\"}}}"))),
                    RequestEntityTooLargeException.class, 413, "The payload exceeds the maximum size allowed");
            assertError(() -> data.updateThingShadow(b -> b.thingName("http-errors").payload(SdkBytes.fromByteArray(
                    new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'}))), UnsupportedDocumentEncodingException.class,
                    415, "Unsupported documented encoding; supported encoding is UTF-8");
            assertError(() -> data.deleteThingShadow(b -> b.thingName("http-errors").shadowName("none")),
                    ResourceNotFoundException.class, 404, "No shadow exists with name: 'none'");
            assertError(() -> data.getThingShadow(b -> b.thingName("http-errors").shadowName("bad name")),
                    InvalidRequestException.class, 400, null);

            // the marker: the next message after the refusals is this update's answer, not a rejected one
            data.updateThingShadow(b -> b.thingName("http-errors")
                    .payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{\"a\":2}}}")));
            assertThat(inbox.next(prefix + "/update/accepted").json().path("version").intValue()).isEqualTo(2);
        } finally {
            device.disconnect();
        }
    }

    private static void assertError(Runnable call, Class<? extends IotDataPlaneException> type, int status,
                                    String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }

    @Test
    void namedShadowsAreListedInPagesAndTheClassicShadowNever() throws Exception {
        try (IotDataPlaneClient data = AwsClients.data(broker)) {
            data.updateThingShadow(b -> b.thingName("http-multi")
                    .payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{\"classic\":true}}}")));
            for (String name : new String[] {"gamma", "alpha", "$beta", "delta", "epsilon"}) {
                JsonNode created = json(data.updateThingShadow(b -> b.thingName("http-multi").shadowName(name)
                        .payload(SdkBytes.fromUtf8String("{\"state\":{\"desired\":{\"n\":\"" + name + "\"}}}")))
                        .payload());
                assertThat(created.path("version").intValue()).isEqualTo(1);
            }
            data.deleteThingShadow(b -> b.thingName("http-multi").shadowName("delta"));
            JsonNode gamma = json(data.getThingShadow(b -> b.thingName("http-multi").shadowName("gamma")).payload());
            assertThat(gamma.path("state").path("desired").toString()).isEqualTo("{\"n\":\"gamma\"}");

            List<String> all = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String next = token;
                ListNamedShadowsForThingResponse page = data.listNamedShadowsForThing(b -> b.thingName("http-multi")
                        .pageSize(3).nextToken(next));
                assertThat(page.results().size()).isLessThanOrEqualTo(3);
                assertThat(page.timestamp()).isPositive();
                all.addAll(page.results());
                token = page.nextToken();
                pages++;
            } while (token != null && pages < 5);
            assertThat(all).containsExactly("$beta", "alpha", "epsilon", "gamma");
            assertThat(pages).isEqualTo(2);
            assertThat(data.listNamedShadowsForThing(b -> b.thingName("http-nothing")).results()).isEmpty();
            assertError(() -> data.listNamedShadowsForThing(b -> b.thingName("http-multi").pageSize(101)),
                    InvalidRequestException.class, 400, null);
        }
    }
}
