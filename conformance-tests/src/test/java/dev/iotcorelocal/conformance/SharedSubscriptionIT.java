package dev.iotcorelocal.conformance;

import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shared subscriptions pick connected members; a disconnected persistent member gets only what nobody online can take. */
@IotCoreLocal
class SharedSubscriptionIT {
    private final IotCoreEndpoints broker;
    private final Broker server;

    SharedSubscriptionIT(IotCoreEndpoints broker, Broker server) {
        this.broker = broker;
        this.server = server;
    }

    @Test
    void everyMessageGoesToTheOnlineMemberWhileAPersistentMemberIsOffline() throws Exception {
        Mqtt5BlockingClient sleeper = Clients.v5Builder(broker, "sleeper").buildBlocking();
        sleeper.connectWith().cleanStart(true).sessionExpiryInterval(3600).send();
        sleeper.subscribeWith().topicFilter("$share/workers/jobs").qos(MqttQos.AT_LEAST_ONCE).send();
        sleeper.disconnect();
        // The client's disconnect returns once sent: until the broker has seen it, the sleeper is a
        // connected member and may rightly be chosen (a QoS 0 message picked for it is then lost).
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.isOnline("sleeper"));

        Mqtt5BlockingClient worker = Clients.v5(broker, "worker");
        worker.connect();
        worker.subscribeWith().topicFilter("$share/workers/jobs").qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt5BlockingClient producer = Clients.v5(broker, "producer");
        producer.connect();
        // A callback takes every message as it comes: the blocking client's one-at-a-time demand
        // makes the HiveMQ client itself drop QoS 0 messages it has no demand for.
        List<String> received = new CopyOnWriteArrayList<>();
        worker.toAsync().publishes(MqttGlobalPublishFilter.ALL,
                p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        try {
            for (int i = 0; i < 10; i++) {
                producer.publishWith().topic("jobs").qos(MqttQos.AT_MOST_ONCE).payload(("q0-" + i).getBytes()).send();
                producer.publishWith().topic("jobs").qos(MqttQos.AT_LEAST_ONCE).payload(("q1-" + i).getBytes()).send();
            }
            producer.publishWith().topic("jobs").qos(MqttQos.AT_LEAST_ONCE).payload("marker".getBytes()).send();
            await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("marker"));
        } finally {
            producer.disconnect();
            worker.disconnect();
        }
        assertThat(received).hasSize(21);

        List<String> queuedForSleeper = new ArrayList<>();
        Mqtt5BlockingClient back = Clients.v5Builder(broker, "sleeper").buildBlocking();
        try (Mqtt5BlockingClient.Mqtt5Publishes in = back.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(back.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().isSessionPresent()).isTrue();
            back.subscribeWith().topicFilter("sleeper/marker").qos(MqttQos.AT_LEAST_ONCE).send();
            back.publishWith().topic("sleeper/marker").qos(MqttQos.AT_LEAST_ONCE).payload("marker".getBytes()).send();
            while (!queuedForSleeper.contains("marker")) {
                Mqtt5Publish p = in.receive(5, TimeUnit.SECONDS).orElseThrow();
                queuedForSleeper.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            back.disconnect();
        }
        assertThat(queuedForSleeper).as("nothing was queued for the offline member").containsExactly("marker");
    }
}
