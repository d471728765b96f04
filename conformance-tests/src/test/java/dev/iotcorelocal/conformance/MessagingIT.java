package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Retained messages, wildcards, shared subscriptions, No Local, Retain As Published, MQTT 3.1.1 clients. */
@IotCoreLocal
class MessagingIT {
    private final IotCoreEndpoints broker;

    MessagingIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @Test
    void retainedMessageGoesOnlyToAnExactTopicSubscriptionWithRetainSet() throws Exception {
        Mqtt5BlockingClient publisher = connect("retain-pub");
        publisher.publishWith().topic("home/retained/temp").retain(true).qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes("21.5")).send();

        Mqtt5BlockingClient exact = connect("retain-exact");
        Mqtt5BlockingClient wildcard = connect("retain-wild");
        try (Mqtt5BlockingClient.Mqtt5Publishes exactIn = exact.publishes(MqttGlobalPublishFilter.ALL);
             Mqtt5BlockingClient.Mqtt5Publishes wildIn = wildcard.publishes(MqttGlobalPublishFilter.ALL)) {
            exact.subscribeWith().topicFilter("home/retained/temp").qos(MqttQos.AT_LEAST_ONCE).send();
            wildcard.subscribeWith().topicFilter("home/retained/#").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5Publish retained = exactIn.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(retained.isRetain()).isTrue();
            assertThat(text(retained)).isEqualTo("21.5");
            assertThat(wildIn.receive(300, TimeUnit.MILLISECONDS)).as("AWS: no retained message for wildcards").isEmpty();

            publisher.publishWith().topic("home/retained/temp").payload(bytes("live")).send();
            assertThat(exactIn.receive(5, TimeUnit.SECONDS).orElseThrow().isRetain()).as("live delivery").isFalse();
            assertThat(text(wildIn.receive(5, TimeUnit.SECONDS).orElseThrow())).isEqualTo("live");

            publisher.publishWith().topic("home/retained/temp").retain(true).payload(new byte[0]).send();
            exactIn.receive(5, TimeUnit.SECONDS).orElseThrow(); // the empty message is still delivered live
        } finally {
            disconnect(exact, wildcard);
        }
        Mqtt5BlockingClient late = connect("retain-late");
        try (Mqtt5BlockingClient.Mqtt5Publishes in = late.publishes(MqttGlobalPublishFilter.ALL)) {
            late.subscribeWith().topicFilter("home/retained/temp").send();
            assertThat(in.receive(300, TimeUnit.MILLISECONDS)).as("deleted by the empty retained publish").isEmpty();
        } finally {
            disconnect(late, publisher);
        }
    }

    @Test
    void hashDoesNotMatchTheParentLevelAsOnAws() throws Exception {
        Mqtt5BlockingClient client = connect("hash-parent");
        try (Mqtt5BlockingClient.Mqtt5Publishes in = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("sensor/#").send();
            client.publishWith().topic("sensor").payload(bytes("parent")).send();
            client.publishWith().topic("sensor/child").payload(bytes("child")).send();
            assertThat(text(in.receive(5, TimeUnit.SECONDS).orElseThrow())).isEqualTo("child");
            assertThat(in.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
        } finally {
            disconnect(client);
        }
    }

    @Test
    void overlappingSubscriptionsDeliverOneCopyAtTheirHighestQos() throws Exception {
        Mqtt5BlockingClient client = connect("overlap-sub");
        Mqtt5BlockingClient publisher = connect("overlap-pub");
        try (Mqtt5BlockingClient.Mqtt5Publishes in = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("overlap/a").qos(MqttQos.AT_MOST_ONCE).send();
            client.subscribeWith().topicFilter("overlap/+").qos(MqttQos.AT_LEAST_ONCE).send();
            client.subscribeWith().topicFilter("overlap/#").qos(MqttQos.AT_MOST_ONCE).send();
            publisher.publishWith().topic("overlap/a").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("once")).send();
            publisher.publishWith().topic("overlap/a").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("marker")).send();

            Mqtt5Publish first = in.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(first)).isEqualTo("once");
            assertThat(first.getQos()).as("the highest QoS of the matching subscriptions").isEqualTo(MqttQos.AT_LEAST_ONCE);
            // Messages from one publisher on one topic arrive in order: a second copy would come before the marker.
            assertThat(text(in.receive(5, TimeUnit.SECONDS).orElseThrow())).isEqualTo("marker");
        } finally {
            disconnect(client, publisher);
        }
    }

    @Test
    void sharedSubscriptionDeliversEachMessageToOneMemberInTurn() throws Exception {
        Mqtt5BlockingClient a = connect("share-a");
        Mqtt5BlockingClient b = connect("share-b");
        Mqtt5BlockingClient publisher = connect("share-pub");
        try (Mqtt5BlockingClient.Mqtt5Publishes inA = a.publishes(MqttGlobalPublishFilter.ALL);
             Mqtt5BlockingClient.Mqtt5Publishes inB = b.publishes(MqttGlobalPublishFilter.ALL)) {
            a.subscribeWith().topicFilter("$share/workers/jobs/#").qos(MqttQos.AT_LEAST_ONCE).send();
            b.subscribeWith().topicFilter("$share/workers/jobs/#").qos(MqttQos.AT_LEAST_ONCE).send();
            for (int i = 0; i < 6; i++) {
                publisher.publishWith().topic("jobs/" + i).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("job" + i)).send();
            }
            List<String> received = new ArrayList<>();
            drain(inA, received);
            int fromA = received.size();
            drain(inB, received);
            assertThat(received).hasSize(6).doesNotHaveDuplicates();
            assertThat(fromA).isEqualTo(3);
        } finally {
            disconnect(a, b, publisher);
        }
    }

    @Test
    void noLocalSuppressesOwnMessagesAndRetainAsPublishedKeepsTheFlag() throws Exception {
        Mqtt5BlockingClient client = connect("options");
        Mqtt5BlockingClient other = connect("options-other");
        try (Mqtt5BlockingClient.Mqtt5Publishes in = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("opts/local").noLocal(true).send();
            client.subscribeWith().topicFilter("opts/rap/+").retainAsPublished(true).send();
            client.publishWith().topic("opts/local").payload(bytes("mine")).send();
            other.publishWith().topic("opts/local").payload(bytes("theirs")).send();
            assertThat(text(in.receive(5, TimeUnit.SECONDS).orElseThrow())).isEqualTo("theirs");
            other.publishWith().topic("opts/rap/x").retain(true).payload(bytes("flagged")).send();
            Mqtt5Publish flagged = in.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(flagged)).isEqualTo("flagged");
            assertThat(flagged.isRetain()).isTrue();
        } finally {
            disconnect(client, other);
        }
    }

    @Test
    void mqtt311AndMqtt5ClientsExchangeMessages() throws Exception {
        Mqtt3BlockingClient v3 = Clients.v3(broker, "legacy-device");
        v3.connect();
        Mqtt5BlockingClient v5 = connect("modern-app");
        try (Mqtt3BlockingClient.Mqtt3Publishes v3In = v3.publishes(MqttGlobalPublishFilter.ALL);
             Mqtt5BlockingClient.Mqtt5Publishes v5In = v5.publishes(MqttGlobalPublishFilter.ALL)) {
            v3.subscribeWith().topicFilter("mixed/to-v3").qos(MqttQos.AT_LEAST_ONCE).send();
            v5.subscribeWith().topicFilter("mixed/to-v5").qos(MqttQos.AT_LEAST_ONCE).send();
            v5.publishWith().topic("mixed/to-v3").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("hello v3"))
                    .userProperties().add("dropped", "for v3").applyUserProperties().send();
            v3.publishWith().topic("mixed/to-v5").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("hello v5")).send();
            Mqtt3Publish atV3 = v3In.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(atV3.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hello v3");
            assertThat(atV3.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            assertThat(text(v5In.receive(5, TimeUnit.SECONDS).orElseThrow())).isEqualTo("hello v5");
        } finally {
            v3.disconnect();
            disconnect(v5);
        }
    }

    @Test
    void subscriberGetsAtMostItsReceiveMaximumOfUnacknowledgedMessages() throws Exception {
        try (RawMqttClient subscriber = RawMqttClient.tls(broker)) {
            subscriber.send(RawMqttClient.connect(5, "slow-acker", 60, 0x02, "21 0002")); // Receive Maximum 2
            subscriber.read();
            subscriber.send("82 0a 0001 00 0004 666c6f77 01"); // subscribe "flow" QoS 1
            subscriber.readUntil(9);
            Mqtt5BlockingClient publisher = connect("flow-pub");
            for (int i = 0; i < 4; i++) {
                publisher.publishWith().topic("flow").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("m" + i)).send();
            }
            byte[] first = subscriber.readUntil(3);
            byte[] second = subscriber.readUntil(3);
            assertThat(subscriber.closedByBroker()).as("no third message before a PUBACK").isFalse();
            subscriber.send(new byte[]{0x40, 2, first[8], first[9]}); // PUBACK packet id of the first
            byte[] third = subscriber.readUntil(3);
            assertThat(new String(third, third.length - 2, 2, StandardCharsets.UTF_8)).isEqualTo("m2");
            assertThat(second).isNotEqualTo(third);
            disconnect(publisher);
        }
    }

    @Test
    void messageLargerThanTheSubscribersMaximumPacketSizeIsNotSentToIt() throws Exception {
        try (RawMqttClient subscriber = RawMqttClient.tls(broker)) {
            subscriber.send(RawMqttClient.connect(5, "small-packets", 60, 0x02, "27 00000040")); // max 64 bytes
            subscriber.read();
            subscriber.send("82 0a 0001 00 0004 73697a65 00"); // subscribe "size"
            subscriber.readUntil(9);
            Mqtt5BlockingClient publisher = connect("size-pub");
            publisher.publishWith().topic("size").payload(new byte[100]).send();
            publisher.publishWith().topic("size").payload(bytes("fits")).send();
            byte[] delivered = subscriber.readUntil(3);
            assertThat(new String(delivered, delivered.length - 4, 4, StandardCharsets.UTF_8)).isEqualTo("fits");
            disconnect(publisher);
        }
    }

    private static void drain(Mqtt5BlockingClient.Mqtt5Publishes in, List<String> into) throws InterruptedException {
        Optional<Mqtt5Publish> next;
        while ((next = in.receive(500, TimeUnit.MILLISECONDS)).isPresent()) {
            into.add(text(next.get()));
        }
    }

    private Mqtt5BlockingClient connect(String id) {
        Mqtt5BlockingClient client = Clients.v5(broker, id);
        client.connect();
        return client;
    }

    private static void disconnect(Mqtt5BlockingClient... clients) {
        for (Mqtt5BlockingClient c : clients) {
            c.disconnect();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
