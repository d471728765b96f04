package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.iotcorelocal.config.Profile;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS's in-flight bound: a burst of updates to one thing faster than they are applied gets 429
 * "Too many requests" on update/rejected for those over ten unanswered, and every request is
 * answered once. The relaxed profile lifts the per-connection publish rate and the per-thing
 * request rate (ShadowQuotaIT tests that one), so the burst reaches the shadow service whole and
 * only the in-flight bound refuses.
 */
@IotCoreLocal(profile = Profile.RELAXED)
class ShadowBoundsIT {
    private static final int BURST = 400;
    private final IotCoreEndpoints broker;

    ShadowBoundsIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @Test
    void aBurstOverTheInFlightBoundIsAnswered429AndEveryRequestIsAnsweredOnce() throws Exception {
        String prefix = "$aws/things/burst/shadow";
        Mqtt5BlockingClient device = Clients.v5(broker, "shadow-burst");
        device.connect();
        try (ShadowInbox inbox = ShadowInbox.of(device)) {
            device.subscribeWith().topicFilter(prefix + "/update/accepted").qos(MqttQos.AT_LEAST_ONCE).send();
            device.subscribeWith().topicFilter(prefix + "/update/rejected").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5AsyncClient async = device.toAsync();
            // a 6 KB state makes each update slower to apply than to receive
            String pad = "p".repeat(6000);
            CompletableFuture<?>[] sent = new CompletableFuture<?>[BURST];
            for (int i = 0; i < BURST; i++) {
                sent[i] = async.publishWith().topic(prefix + "/update").qos(MqttQos.AT_MOST_ONCE)
                        .payload(("{\"state\":{\"reported\":{\"n\":" + i + ",\"pad\":\"" + pad + "\"}}}")
                                .getBytes(StandardCharsets.UTF_8)).send();
            }
            CompletableFuture.allOf(sent).join();
            int accepted = 0;
            int throttled = 0;
            for (int i = 0; i < BURST; i++) {
                ShadowInbox.Received answer = inbox.next();
                if (answer.topic().endsWith("/accepted")) {
                    accepted++;
                } else {
                    assertThat(answer.json().path("code").intValue()).isEqualTo(429);
                    assertThat(answer.json().path("message").textValue()).isEqualTo("Too many requests");
                    throttled++;
                }
            }
            assertThat(accepted + throttled).isEqualTo(BURST);
            assertThat(throttled).as("refused over the in-flight bound").isPositive();
            assertThat(accepted).as("at least the first ten are applied").isGreaterThanOrEqualTo(10);

            // the marker: once answered, the thing takes requests again, and nothing else was pending
            device.publishWith().topic(prefix + "/update").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"state\":{\"reported\":{\"n\":-1}}}".getBytes(StandardCharsets.UTF_8)).send();
            assertThat(inbox.next(prefix + "/update/accepted").json().path("version").intValue())
                    .isEqualTo(accepted + 1);
        } finally {
            device.disconnect();
        }
    }
}
