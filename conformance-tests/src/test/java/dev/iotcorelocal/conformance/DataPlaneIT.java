package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.Test;
import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.GetRetainedMessageResponse;
import software.amazon.awssdk.services.iotdataplane.model.IotDataPlaneException;
import software.amazon.awssdk.services.iotdataplane.model.ListRetainedMessagesResponse;
import software.amazon.awssdk.services.iotdataplane.model.PayloadFormatIndicator;
import software.amazon.awssdk.services.iotdataplane.model.RequestEntityTooLargeException;
import software.amazon.awssdk.services.iotdataplane.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iotdataplane.model.RetainedMessageSummary;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** iot-data through the AWS SDK for Java v2, observed by MQTT 5 clients. */
@IotCoreLocal
class DataPlaneIT {
    private final IotCoreEndpoints broker;
    private final Broker running;

    DataPlaneIT(IotCoreEndpoints broker, Broker running) {
        this.broker = broker;
        this.running = running;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anHttpPublishArrivesAsAnMqttPublishWithEveryProperty() throws Exception {
        Mqtt5BlockingClient subscriber = Clients.v5(broker, "http-subscriber");
        subscriber.connect();
        try (IotDataPlaneClient data = AwsClients.data(broker);
             Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter("http/+/in").qos(MqttQos.AT_LEAST_ONCE).send();
            data.publish(b -> b.topic("http/dev 1/in").qos(1).payload(SdkBytes.fromUtf8String("{\"t\":21}"))
                    .contentType("application/json").responseTopic("http/dev 1/out").messageExpiry(600L)
                    .correlationData(base64("req-7")).payloadFormatIndicator(PayloadFormatIndicator.UTF8_DATA)
                    .userProperties("[{\"deviceName\":\"alpha\"},{\"deviceCnt\":\"45\"},{\"deviceName\":\"beta\"}]"));

            Mqtt5Publish received = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(received.getTopic().toString()).isEqualTo("http/dev 1/in");
            assertThat(received.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":21}");
            assertThat(received.getContentType()).hasValueSatisfying(v -> assertThat(v.toString())
                    .isEqualTo("application/json"));
            assertThat(received.getResponseTopic()).hasValueSatisfying(v -> assertThat(v.toString())
                    .isEqualTo("http/dev 1/out"));
            assertThat(received.getCorrelationData()).hasValueSatisfying(v -> assertThat(
                    StandardCharsets.UTF_8.decode(v).toString()).isEqualTo("req-7"));
            assertThat(received.getPayloadFormatIndicator()).hasValue(Mqtt5PayloadFormatIndicator.UTF_8);
            assertThat(received.getMessageExpiryInterval().orElseThrow()).isBetween(599L, 600L);
            assertThat(received.getUserProperties().asList()).extracting(p -> p.getName() + "=" + p.getValue())
                    .containsExactly("deviceName=alpha", "deviceCnt=45", "deviceName=beta");
            assertThat(received.isRetain()).isFalse();
        } finally {
            subscriber.disconnect();
        }
    }

    @Test
    void aRetainedHttpPublishIsListedAndReadBackAndAnEmptyOneDeletesIt() {
        try (IotDataPlaneClient data = AwsClients.data(broker)) {
            data.publish(b -> b.topic("retained/a").retain(true).qos(1).payload(SdkBytes.fromUtf8String("first"))
                    .userProperties("[{\"k\":\"v\"}]"));
            data.publish(b -> b.topic("retained/b").retain(true).payload(SdkBytes.fromUtf8String("second!")));

            GetRetainedMessageResponse a = data.getRetainedMessage(b -> b.topic("retained/a"));
            assertThat(a.topic()).isEqualTo("retained/a");
            assertThat(a.payload().asUtf8String()).isEqualTo("first");
            assertThat(a.qos()).isEqualTo(1);
            assertThat(a.lastModifiedTime()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
            assertThat(a.userProperties().asUtf8String()).isEqualTo("[{\"k\":\"v\"}]");

            ListRetainedMessagesResponse firstPage = data.listRetainedMessages(b -> b.maxResults(1));
            assertThat(firstPage.retainedTopics()).extracting(RetainedMessageSummary::topic).containsExactly("retained/a");
            assertThat(firstPage.nextToken()).isNotNull();
            ListRetainedMessagesResponse secondPage = data.listRetainedMessages(b -> b.maxResults(1)
                    .nextToken(firstPage.nextToken()));
            assertThat(secondPage.retainedTopics()).singleElement().satisfies(s -> {
                assertThat(s.topic()).isEqualTo("retained/b");
                assertThat(s.payloadSize()).isEqualTo(7);
                assertThat(s.qos()).isZero();
            });
            assertThat(secondPage.nextToken()).isNull();

            data.publish(b -> b.topic("retained/a").retain(true).payload(SdkBytes.fromByteArray(new byte[0])));
            assertThatThrownBy(() -> data.getRetainedMessage(b -> b.topic("retained/a")))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
            data.publish(b -> b.topic("retained/b").retain(true).payload(SdkBytes.fromByteArray(new byte[0])));
        }
    }

    @Test
    void deleteConnectionSends0x98AndPreventWillMessageKeepsTheWillUnpublished() throws Exception {
        Mqtt5BlockingClient watcher = Clients.v5(broker, "will-watcher");
        watcher.connect();
        AtomicReference<Throwable> cause = new AtomicReference<>();
        Mqtt5BlockingClient device = Clients.v5Builder(broker, "device/with will")
                .addDisconnectedListener(ctx -> cause.set(ctx.getCause())).buildBlocking();
        device.connectWith().cleanStart(true).sessionExpiryInterval(300)
                .willPublish().topic("wills/device").payload("gone".getBytes(StandardCharsets.UTF_8)).applyWillPublish()
                .send();
        try (IotDataPlaneClient data = AwsClients.data(broker);
             Mqtt5BlockingClient.Mqtt5Publishes publishes = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter("wills/#").send();

            data.deleteConnection(b -> b.clientId("device/with will").preventWillMessage(true).cleanSession(true));

            await().atMost(Duration.ofSeconds(5)).until(() -> cause.get() != null);
            assertThat(cause.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e -> assertThat(
                    e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION));
            await().atMost(Duration.ofSeconds(5)).until(() -> !running.hasSession("device/with will"));
            // The marker is published after the disconnect; had the Will gone out, it would arrive first.
            data.publish(b -> b.topic("wills/marker").payload(SdkBytes.fromUtf8String("marker")));
            assertThat(publishes.receive(5, TimeUnit.SECONDS).orElseThrow().getTopic().toString())
                    .isEqualTo("wills/marker");
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void deleteConnectionWithoutOptionsPublishesTheWillAndKeepsThePersistentSession() throws Exception {
        Mqtt5BlockingClient watcher = Clients.v5(broker, "will-watcher-2");
        watcher.connect();
        Mqtt5BlockingClient device = Clients.v5(broker, "keeper");
        device.connectWith().cleanStart(true).sessionExpiryInterval(300)
                .willPublish().topic("wills2/keeper").payload("gone".getBytes(StandardCharsets.UTF_8)).applyWillPublish()
                .send();
        try (IotDataPlaneClient data = AwsClients.data(broker);
             Mqtt5BlockingClient.Mqtt5Publishes publishes = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter("wills2/#").send();
            data.deleteConnection(b -> b.clientId("keeper"));
            assertThat(publishes.receive(5, TimeUnit.SECONDS).orElseThrow().getTopic().toString())
                    .isEqualTo("wills2/keeper");
            await().atMost(Duration.ofSeconds(5)).until(() -> !running.isOnline("keeper"));
            assertThat(running.hasSession("keeper")).isTrue();

            // An offline persistent session is a valid target: cleanSession ends it.
            data.deleteConnection(b -> b.clientId("keeper").cleanSession(true));
            assertThat(running.hasSession("keeper")).isFalse();
            assertThatThrownBy(() -> data.deleteConnection(b -> b.clientId("keeper")))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void publishesTheMqttSideWouldRefuseGetAwsErrors() {
        try (IotDataPlaneClient data = AwsClients.data(broker)) {
            assertThatThrownBy(() -> data.publish(b -> b.topic("big").payload(SdkBytes.fromByteArray(new byte[131_073]))))
                    .isInstanceOfSatisfying(RequestEntityTooLargeException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(413);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("131073 > 131072");
                    });
            assertError(() -> data.publish(b -> b.topic("$aws/unknown/x").payload(SdkBytes.fromUtf8String("x"))),
                    403, "ForbiddenException");
            assertError(() -> data.publish(b -> b.topic("a/b/c/d/e/f/g/h/i").payload(SdkBytes.fromUtf8String("x"))),
                    400, "InvalidRequestException");
            assertError(() -> data.publish(b -> b.topic("a/+").payload(SdkBytes.fromUtf8String("x"))),
                    400, "InvalidRequestException");
            assertError(() -> data.publish(b -> b.topic("a").qos(2).payload(SdkBytes.fromUtf8String("x"))),
                    400, "InvalidRequestException");
            assertError(() -> data.publish(b -> b.topic("a").userProperties("{\"not\":\"an array\"}")
                    .payload(SdkBytes.fromUtf8String("x"))), 400, "InvalidRequestException");
            assertError(() -> data.deleteConnection(b -> b.clientId("$reserved")), 400, "InvalidRequestException");
            assertError(() -> data.getThingShadow(b -> b.thingName("never-updated")), 404, "ResourceNotFoundException");
        }
    }

    private static void assertError(Runnable call, int status, String type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IotDataPlaneException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type);
        });
    }

}
