package dev.iotcorelocal.conformance;

import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import software.amazon.awssdk.crt.mqtt.QualityOfService;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.PublishResult;
import software.amazon.awssdk.crt.mqtt5.PublishReturn;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.ConnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket;
import software.amazon.awssdk.crt.mqtt5.packets.UserProperty;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;
import software.amazon.awssdk.iot.AwsIotMqttConnectionBuilder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official AWS IoT Device SDK v2 for Java (native CRT, s2n TLS) against the broker, built
 * exactly as its samples build clients for AWS IoT Core, with only the endpoint and port changed.
 */
@IotCoreLocal
class AwsIotDeviceSdkIT {
    private final IotCoreEndpoints broker;

    AwsIotDeviceSdkIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @Test
    void mqtt5ClientConnectsSubscribesPublishesQos1WithUserPropertiesAndReceives() throws Exception {
        CompletableFuture<ConnAckPacket> connected = new CompletableFuture<>();
        CompletableFuture<PublishPacket> received = new CompletableFuture<>();
        AwsIotMqtt5ClientBuilder builder = AwsIotMqtt5ClientBuilder.newDirectMqttBuilderWithMtlsFromPath(
                "localhost", broker.clientCertificate().toString(), broker.clientKey().toString());
        builder.withCertificateAuthorityFromPath(null, broker.caCertificate().toString());
        builder.withPort((long) broker.mqttsPort());
        builder.withConnectProperties(new ConnectPacket.ConnectPacketBuilder().withClientId("sdk-java-mqtt5").withKeepAliveIntervalSeconds(60L));
        builder.withLifeCycleEvents(new Lifecycle(connected));
        builder.withPublishEvents((Mqtt5Client c, PublishReturn r) -> received.complete(r.getPublishPacket()));
        try (Mqtt5Client client = builder.build()) {
            client.start();
            ConnAckPacket connAck = connected.get(15, TimeUnit.SECONDS);
            assertThat(connAck.getReceiveMaximum()).isEqualTo(100);
            assertThat(connAck.getTopicAliasMaximum()).isEqualTo(8);
            assertThat(connAck.getMaximumPacketSize()).isEqualTo(149_504L);

            SubAckPacket subAck = client.subscribe(new SubscribePacket.SubscribePacketBuilder()
                    .withSubscription("sdk/test/#", QOS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
            assertThat(subAck.getReasonCodes()).containsExactly(SubAckPacket.SubAckReasonCode.GRANTED_QOS_1);

            PublishResult result = client.publish(new PublishPacket.PublishPacketBuilder().withTopic("sdk/test/mqtt5")
                    .withQOS(QOS.AT_LEAST_ONCE).withPayload("hello from the AWS SDK".getBytes(StandardCharsets.UTF_8))
                    .withUserProperties(List.of(new UserProperty("Hardware-Revision", "brandX-rev1.17c"),
                            new UserProperty("Hardware-Revision", "second")))
                    .build()).get(10, TimeUnit.SECONDS);
            assertThat(result.getResultPubAck().getReasonCode()).isEqualTo(PubAckPacket.PubAckReasonCode.SUCCESS);

            PublishPacket message = received.get(10, TimeUnit.SECONDS);
            assertThat(message.getTopic()).isEqualTo("sdk/test/mqtt5");
            assertThat(message.getQOS()).isEqualTo(QOS.AT_LEAST_ONCE);
            assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("hello from the AWS SDK");
            assertThat(message.getUserProperties()).extracting(p -> p.value).containsExactly("brandX-rev1.17c", "second");
            client.stop(null);
        }
    }

    @Test
    void mqtt311ConnectionConnectsSubscribesPublishesAndReceives() throws Exception {
        CompletableFuture<MqttMessage> received = new CompletableFuture<>();
        try (AwsIotMqttConnectionBuilder builder = AwsIotMqttConnectionBuilder
                .newMtlsBuilderFromPath(broker.clientCertificate().toString(), broker.clientKey().toString())
                .withCertificateAuthorityFromPath(null, broker.caCertificate().toString())
                .withEndpoint("localhost").withPort(broker.mqttsPort())
                .withClientId("sdk-java-mqtt311").withCleanSession(true);
             MqttClientConnection connection = builder.build()) {
            assertThat(connection.connect().get(15, TimeUnit.SECONDS)).as("session present").isFalse();
            connection.subscribe("sdk/test311/#", QualityOfService.AT_LEAST_ONCE, received::complete).get(10, TimeUnit.SECONDS);
            connection.publish(new MqttMessage("sdk/test311/a", "hello 3.1.1".getBytes(StandardCharsets.UTF_8),
                    QualityOfService.AT_LEAST_ONCE, false)).get(10, TimeUnit.SECONDS);
            MqttMessage message = received.get(10, TimeUnit.SECONDS);
            assertThat(message.getTopic()).isEqualTo("sdk/test311/a");
            assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("hello 3.1.1");
            connection.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    private record Lifecycle(CompletableFuture<ConnAckPacket> connected) implements Mqtt5ClientOptions.LifecycleEvents {
        @Override
        public void onAttemptingConnect(Mqtt5Client client, OnAttemptingConnectReturn r) {
        }

        @Override
        public void onConnectionSuccess(Mqtt5Client client, OnConnectionSuccessReturn r) {
            connected.complete(r.getConnAckPacket());
        }

        @Override
        public void onConnectionFailure(Mqtt5Client client, OnConnectionFailureReturn r) {
            connected.completeExceptionally(new IllegalStateException("connection failed: error code " + r.getErrorCode()));
        }

        @Override
        public void onDisconnection(Mqtt5Client client, OnDisconnectionReturn r) {
        }

        @Override
        public void onStopped(Mqtt5Client client, OnStoppedReturn r) {
        }
    }
}
