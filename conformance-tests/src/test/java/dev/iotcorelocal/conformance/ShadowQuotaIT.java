package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import dev.iotcorelocal.session.ManualTime;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.ThrottlingException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AWS's 20 shadow requests per second per thing (aws profile, limits.shadow-requests-per-second),
 * on the broker's manual clock so the second boundary is exact: the 21st request within a second
 * is answered 429 on update/rejected with its clientToken, HTTP gets 429 ThrottlingException and
 * publishes nothing, and once the clock moves on the thing is served again.
 */
@IotCoreLocal(manualTime = true)
class ShadowQuotaIT {
    private static final int PER_SECOND = 20;
    private final IotCoreEndpoints broker;
    private final ManualTime time;

    ShadowQuotaIT(IotCoreEndpoints broker, ManualTime time) {
        this.broker = broker;
        this.time = time;
    }

    private static void update(Mqtt5BlockingClient device, String topic, String clientToken) {
        device.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(("{\"state\":{\"reported\":{\"by\":\""
                + clientToken + "\"}},\"clientToken\":\"" + clientToken + "\"}").getBytes(StandardCharsets.UTF_8)).send();
    }

    @Test
    void the21stRequestOfASecondIs429WithItsClientTokenOverMqttAndHttpUntilTheClockMovesOn() throws Exception {
        String prefix = "$aws/things/quota/shadow";
        Mqtt5BlockingClient device = Clients.v5(broker, "quota-device");
        device.connect();
        try (ShadowInbox inbox = ShadowInbox.of(device); IotDataPlaneClient data = AwsClients.data(broker)) {
            device.subscribeWith().topicFilter(prefix + "/update/accepted").qos(MqttQos.AT_LEAST_ONCE).send();
            device.subscribeWith().topicFilter(prefix + "/update/rejected").qos(MqttQos.AT_LEAST_ONCE).send();

            for (int i = 0; i <= PER_SECOND; i++) {
                update(device, prefix + "/update", "burst-" + i);
            }
            for (int i = 0; i < PER_SECOND; i++) {
                JsonNode accepted = inbox.next(prefix + "/update/accepted").json();
                assertThat(accepted.path("clientToken").textValue()).isEqualTo("burst-" + i);
                assertThat(accepted.path("version").intValue()).isEqualTo(i + 1);
            }
            JsonNode throttled = inbox.next(prefix + "/update/rejected").json();
            assertThat(throttled.path("code").intValue()).isEqualTo(429);
            assertThat(throttled.path("message").textValue()).isEqualTo("Too many requests");
            assertThat(throttled.path("clientToken").textValue()).isEqualTo("burst-" + PER_SECOND);

            assertThatThrownBy(() -> data.updateThingShadow(b -> b.thingName("quota")
                    .payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{\"by\":\"http\"}}}"))))
                    .as("HTTP counts against the same thing's rate")
                    .isInstanceOfSatisfying(ThrottlingException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(429);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Too many requests");
                    });

            time.advance(Duration.ofSeconds(1));
            update(device, prefix + "/update", "next-second");
            // the marker: the throttled HTTP call published nothing and changed nothing
            JsonNode accepted = inbox.next(prefix + "/update/accepted").json();
            assertThat(accepted.path("clientToken").textValue()).isEqualTo("next-second");
            assertThat(accepted.path("version").intValue()).isEqualTo(PER_SECOND + 1);
        } finally {
            device.disconnect();
        }
    }
}
