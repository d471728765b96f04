package dev.iotcorelocal.conformance;

import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.crt.iot.MqttRequestResponseClientOptions;
import software.amazon.awssdk.crt.iot.StreamingOperation;
import software.amazon.awssdk.crt.iot.SubscriptionStatusEventType;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.packets.ConnectPacket;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;
import software.amazon.awssdk.iot.AwsIotMqttConnectionBuilder;
import software.amazon.awssdk.iot.V2ClientStreamOptions;
import software.amazon.awssdk.iot.iotshadow.IotShadowV2Client;
import software.amazon.awssdk.iot.iotshadow.model.DeleteNamedShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.DeleteShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.DeleteShadowResponse;
import software.amazon.awssdk.iot.iotshadow.model.GetNamedShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowResponse;
import software.amazon.awssdk.iot.iotshadow.model.NamedShadowDeltaUpdatedSubscriptionRequest;
import software.amazon.awssdk.iot.iotshadow.model.ShadowDeltaUpdatedEvent;
import software.amazon.awssdk.iot.iotshadow.model.ShadowDeltaUpdatedSubscriptionRequest;
import software.amazon.awssdk.iot.iotshadow.model.ShadowState;
import software.amazon.awssdk.iot.iotshadow.model.UpdateNamedShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.UpdateShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.UpdateShadowResponse;
import software.amazon.awssdk.iot.iotshadow.model.V2ErrorResponseException;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS IoT Device SDK for Java v2's shadow client (IotShadowV2Client: request-response over
 * wildcard subscriptions, answers matched by clientToken) on MQTT 5 and 3.1.1, with a backend
 * changing desired state over HTTP.
 */
@IotCoreLocal
class ShadowDeviceSdkIT {
    private static final MqttRequestResponseClientOptions OPTIONS = MqttRequestResponseClientOptions.builder()
            .withMaxRequestResponseSubscriptions(4).withMaxStreamingSubscriptions(2).withOperationTimeoutSeconds(10)
            .build();
    private final IotCoreEndpoints broker;

    ShadowDeviceSdkIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    private static HashMap<String, Object> map(String key, Object value) {
        return new HashMap<>(Map.of(key, value));
    }

    private static int errorCode(CompletableFuture<?> call) {
        try {
            call.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(V2ErrorResponseException.class);
            return ((V2ErrorResponseException) e.getCause()).getModeledError().code;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the request was accepted");
    }

    @Test
    void mqtt5DeviceReportsGetsTheBackendsDeltaAndMeetsAVersionConflict() throws Exception {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        AwsIotMqtt5ClientBuilder builder = AwsIotMqtt5ClientBuilder.newDirectMqttBuilderWithMtlsFromPath(
                "localhost", broker.clientCertificate().toString(), broker.clientKey().toString());
        builder.withCertificateAuthorityFromPath(null, broker.caCertificate().toString());
        builder.withPort((long) broker.mqttsPort());
        builder.withConnectProperties(new ConnectPacket.ConnectPacketBuilder().withClientId("sdk-shadow-5"));
        builder.withLifeCycleEvents(new Lifecycle(connected));
        LinkedBlockingQueue<ShadowDeltaUpdatedEvent> deltas = new LinkedBlockingQueue<>();
        CompletableFuture<Void> streaming = new CompletableFuture<>();
        try (Mqtt5Client client = builder.build(); IotDataPlaneClient backend = AwsClients.data(broker)) {
            client.start();
            connected.get(15, TimeUnit.SECONDS);
            try (IotShadowV2Client shadow = IotShadowV2Client.newFromMqtt5(client, OPTIONS)) {
                GetShadowRequest get = new GetShadowRequest();
                get.thingName = "sdk-lamp";
                assertThat(errorCode(shadow.getShadow(get))).isEqualTo(404);

                ShadowDeltaUpdatedSubscriptionRequest deltaRequest = new ShadowDeltaUpdatedSubscriptionRequest();
                deltaRequest.thingName = "sdk-lamp";
                StreamingOperation stream = shadow.createShadowDeltaUpdatedStream(deltaRequest,
                        V2ClientStreamOptions.<ShadowDeltaUpdatedEvent>builder().withStreamEventHandler(deltas::add)
                                .withSubscriptionEventHandler(event -> {
                                    if (event.getType() == SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED) {
                                        streaming.complete(null);
                                    }
                                }).build());
                stream.open();
                streaming.get(15, TimeUnit.SECONDS);

                UpdateShadowRequest report = new UpdateShadowRequest();
                report.thingName = "sdk-lamp";
                report.state = new ShadowState();
                report.state.reported = map("color", "red");
                UpdateShadowResponse accepted = shadow.updateShadow(report).get(15, TimeUnit.SECONDS);
                assertThat(accepted.version).isEqualTo(1);
                assertThat(accepted.state.reported).containsEntry("color", "red");
                assertThat(accepted.metadata.reported).containsKey("color");

                backend.updateThingShadow(b -> b.thingName("sdk-lamp")
                        .payload(SdkBytes.fromUtf8String("{\"state\":{\"desired\":{\"color\":\"green\"}}}")));
                ShadowDeltaUpdatedEvent delta = deltas.poll(15, TimeUnit.SECONDS);
                assertThat(delta).as("delta event").isNotNull();
                assertThat(delta.version).isEqualTo(2);
                assertThat(delta.state).containsEntry("color", "green");

                GetShadowResponse current = shadow.getShadow(get).get(15, TimeUnit.SECONDS);
                assertThat(current.version).isEqualTo(2);
                assertThat(current.state.desired).containsEntry("color", "green");
                assertThat(current.state.delta).containsEntry("color", "green");

                UpdateShadowRequest stale = new UpdateShadowRequest();
                stale.thingName = "sdk-lamp";
                stale.version = 1;
                stale.state = new ShadowState();
                stale.state.reported = map("color", "green");
                assertThat(errorCode(shadow.updateShadow(stale))).isEqualTo(409);
                stale.version = 2;
                assertThat(shadow.updateShadow(stale).get(15, TimeUnit.SECONDS).version).isEqualTo(3);

                DeleteShadowRequest delete = new DeleteShadowRequest();
                delete.thingName = "sdk-lamp";
                DeleteShadowResponse deleted = shadow.deleteShadow(delete).get(15, TimeUnit.SECONDS);
                assertThat(deleted.version).isEqualTo(3);
                assertThat(errorCode(shadow.getShadow(get))).isEqualTo(404);
                stream.close();
            }
            client.stop(null);
        }
    }

    @Test
    void mqtt311DeviceCreatesUpdatesDeletesAndRecreatesANamedShadow() throws Exception {
        LinkedBlockingQueue<ShadowDeltaUpdatedEvent> deltas = new LinkedBlockingQueue<>();
        CompletableFuture<Void> streaming = new CompletableFuture<>();
        try (AwsIotMqttConnectionBuilder builder = AwsIotMqttConnectionBuilder
                .newMtlsBuilderFromPath(broker.clientCertificate().toString(), broker.clientKey().toString())
                .withCertificateAuthorityFromPath(null, broker.caCertificate().toString())
                .withEndpoint("localhost").withPort(broker.mqttsPort())
                .withClientId("sdk-shadow-311").withCleanSession(true);
             MqttClientConnection connection = builder.build()) {
            connection.connect().get(15, TimeUnit.SECONDS);
            try (IotShadowV2Client shadow = IotShadowV2Client.newFromMqtt311(connection, OPTIONS)) {
                NamedShadowDeltaUpdatedSubscriptionRequest deltaRequest = new NamedShadowDeltaUpdatedSubscriptionRequest();
                deltaRequest.thingName = "sdk-fan";
                deltaRequest.shadowName = "speed";
                StreamingOperation stream = shadow.createNamedShadowDeltaUpdatedStream(deltaRequest,
                        V2ClientStreamOptions.<ShadowDeltaUpdatedEvent>builder().withStreamEventHandler(deltas::add)
                                .withSubscriptionEventHandler(event -> {
                                    if (event.getType() == SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED) {
                                        streaming.complete(null);
                                    }
                                }).build());
                stream.open();
                streaming.get(15, TimeUnit.SECONDS);

                UpdateNamedShadowRequest update = new UpdateNamedShadowRequest();
                update.thingName = "sdk-fan";
                update.shadowName = "speed";
                update.state = new ShadowState();
                update.state.desired = map("rpm", 1200);
                update.state.reported = map("rpm", 0);
                assertThat(shadow.updateNamedShadow(update).get(15, TimeUnit.SECONDS).version).isEqualTo(1);
                ShadowDeltaUpdatedEvent delta = deltas.poll(15, TimeUnit.SECONDS);
                assertThat(delta).as("delta event").isNotNull();
                assertThat(delta.state).containsKey("rpm");
                assertThat(((Number) delta.state.get("rpm")).intValue()).isEqualTo(1200);

                GetNamedShadowRequest get = new GetNamedShadowRequest();
                get.thingName = "sdk-fan";
                get.shadowName = "speed";
                GetShadowResponse read = shadow.getNamedShadow(get).get(15, TimeUnit.SECONDS);
                assertThat(((Number) read.state.delta.get("rpm")).intValue()).isEqualTo(1200);

                DeleteNamedShadowRequest delete = new DeleteNamedShadowRequest();
                delete.thingName = "sdk-fan";
                delete.shadowName = "speed";
                assertThat(shadow.deleteNamedShadow(delete).get(15, TimeUnit.SECONDS).version).isEqualTo(1);
                assertThat(errorCode(shadow.deleteNamedShadow(delete))).isEqualTo(404);
                update.state.desired = null;
                assertThat(shadow.updateNamedShadow(update).get(15, TimeUnit.SECONDS).version)
                        .as("re-created: the version goes on").isEqualTo(2);
                stream.close();
            }
            connection.disconnect().get(15, TimeUnit.SECONDS);
        }
    }

    private record Lifecycle(CompletableFuture<Void> connected) implements Mqtt5ClientOptions.LifecycleEvents {
        @Override
        public void onAttemptingConnect(Mqtt5Client client, OnAttemptingConnectReturn r) {
        }

        @Override
        public void onConnectionSuccess(Mqtt5Client client, OnConnectionSuccessReturn r) {
            connected.complete(null);
        }

        @Override
        public void onConnectionFailure(Mqtt5Client client, OnConnectionFailureReturn r) {
            connected.completeExceptionally(new IllegalStateException("connection failed: " + r.getErrorCode()));
        }

        @Override
        public void onDisconnection(Mqtt5Client client, OnDisconnectionReturn r) {
        }

        @Override
        public void onStopped(Mqtt5Client client, OnStoppedReturn r) {
        }
    }
}
