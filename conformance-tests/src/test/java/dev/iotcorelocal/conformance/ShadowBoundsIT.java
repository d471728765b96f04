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
 * A burst of updates to one thing from one device, the relaxed profile lifting the per-connection
 * publish rate and the per-thing request rate (ShadowQuotaIT tests that one): each update is
 * applied as the broker's event loop reads it, so every one is accepted, once, in the order sent,
 * with nothing left pending. AWS's in-flight bound (ten unanswered per thing, then 429) is reached
 * only by senders running at once, on other event loops or HTTP workers: ShadowLanesTest and
 * ShadowServiceTest hold requests in flight to test it.
 */
@IotCoreLocal(profile = Profile.RELAXED)
class ShadowBoundsIT {
    private static final int BURST = 400;
    private final IotCoreEndpoints broker;

    ShadowBoundsIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @Test
    void aBurstFromOneDeviceIsAppliedInOrderEachUpdateAnsweredOnce() throws Exception {
        String prefix = "$aws/things/burst/shadow";
        Mqtt5BlockingClient device = Clients.v5(broker, "shadow-burst");
        device.connect();
        try (ShadowInbox inbox = ShadowInbox.of(device)) {
            device.subscribeWith().topicFilter(prefix + "/update/accepted").qos(MqttQos.AT_LEAST_ONCE).send();
            device.subscribeWith().topicFilter(prefix + "/update/rejected").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5AsyncClient async = device.toAsync();
            String pad = "p".repeat(6000); // a 6 KB state: each update is real JSON work
            CompletableFuture<?>[] sent = new CompletableFuture<?>[BURST];
            for (int i = 0; i < BURST; i++) {
                sent[i] = async.publishWith().topic(prefix + "/update").qos(MqttQos.AT_MOST_ONCE)
                        .payload(("{\"state\":{\"reported\":{\"n\":" + i + ",\"pad\":\"" + pad + "\"}},"
                                + "\"clientToken\":\"t" + i + "\"}").getBytes(StandardCharsets.UTF_8)).send();
            }
            CompletableFuture.allOf(sent).join();
            for (int i = 0; i < BURST; i++) {
                ShadowInbox.Received answer = inbox.next();
                assertThat(answer.topic()).as("answer %d", i).isEqualTo(prefix + "/update/accepted");
                assertThat(answer.json().path("clientToken").textValue()).isEqualTo("t" + i);
                assertThat(answer.json().path("version").intValue()).isEqualTo(i + 1);
                assertThat(answer.json().path("state").path("reported").path("n").intValue()).isEqualTo(i);
            }

            // the marker: nothing else was pending, and the thing takes requests as before
            device.publishWith().topic(prefix + "/update").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"state\":{\"reported\":{\"n\":-1}}}".getBytes(StandardCharsets.UTF_8)).send();
            ShadowInbox.Received marker = inbox.next();
            assertThat(marker.topic()).isEqualTo(prefix + "/update/accepted");
            assertThat(marker.json().path("version").intValue()).isEqualTo(BURST + 1);
        } finally {
            device.disconnect();
        }
    }
}
