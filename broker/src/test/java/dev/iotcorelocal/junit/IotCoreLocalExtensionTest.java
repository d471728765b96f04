package dev.iotcorelocal.junit;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.config.Profile;
import dev.iotcorelocal.session.ManualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The extension as a user registers it: parameters, manual time driving expiry, configuration. */
class IotCoreLocalExtensionTest {

    @RegisterExtension
    static final IotCoreLocalExtension iotCore = IotCoreLocalExtension.perClass()
            .withManualTime()
            .withConfig(config -> config.withProfile(Profile.RELAXED));

    @Test
    void injectsTheEndpointsOfTheRunningBrokerWithItsDevPki(IotCoreEndpoints endpoints, Broker broker) {
        assertThat(endpoints).isEqualTo(iotCore.endpoints());
        assertThat(endpoints.host()).isEqualTo("localhost");
        assertThat(endpoints.mqttsPort()).isEqualTo(broker.mqttsPort()).isPositive();
        assertThat(endpoints.mqttPort()).isEqualTo(broker.mqttPort()).isPositive();
        assertThat(endpoints.caCertificate()).isRegularFile().hasFileName("AmazonRootCA1.pem");
        assertThat(endpoints.clientCertificate()).isRegularFile().hasFileName("client-cert.pem");
        assertThat(endpoints.clientKey()).isRegularFile().hasFileName("private-key.pem");
        assertThat(connect(endpoints, "injected", 0)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
    }

    @Test
    void advancingTheInjectedManualTimeExpiresASession(ManualTime time, Broker broker, IotCoreEndpoints endpoints) {
        assertThat(connect(endpoints, "sleeper", 60)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        await().atMost(Duration.ofSeconds(5)).until(() -> !broker.isOnline("sleeper"));
        time.advance(Duration.ofSeconds(59));
        assertThat(broker.hasSession("sleeper")).as("59 s into a 60 s expiry").isTrue();
        time.advance(Duration.ofSeconds(1));
        assertThat(broker.hasSession("sleeper")).as("at 60 s").isFalse();
    }

    @Test
    void injectedClockIsTheManualOne(Clock clock, ManualTime time) {
        assertThat(clock.instant()).isEqualTo(time.now());
        time.advance(Duration.ofMinutes(5));
        assertThat(clock.instant()).isEqualTo(time.now());
        assertThat(iotCore.time()).isSameAs(time);
    }

    @Test
    void configurationIsApplied(IotCoreEndpoints endpoints) {
        // AWS refuses client IDs over 128 characters; the relaxed profile accepts them.
        assertThat(connect(endpoints, "r".repeat(300), 0)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
    }

    /** Connects over the plain listener with a real client, then disconnects, keeping the session for {@code expiry} s. */
    static Mqtt5ConnAckReasonCode connect(IotCoreEndpoints endpoints, String clientId, long expiry) {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(clientId)
                .serverHost(endpoints.host()).serverPort(endpoints.mqttPort()).buildBlocking();
        try {
            return client.connectWith().cleanStart(true).sessionExpiryInterval(expiry).send().getReasonCode();
        } finally {
            client.disconnect();
        }
    }
}
