package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import dev.iotcorelocal.pki.PemCodec;
import dev.iotcorelocal.registry.CertificateIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.GetTopicRuleResponse;
import software.amazon.awssdk.services.iot.model.ListTopicRulesResponse;
import software.amazon.awssdk.services.iot.model.MqttHeaders;
import software.amazon.awssdk.services.iot.model.RepublishAction;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.SqlParseException;
import software.amazon.awssdk.services.iot.model.TopicRuleListItem;
import software.amazon.awssdk.services.iot.model.TopicRulePayload;
import software.amazon.awssdk.services.iot.model.UnauthorizedException;
import software.amazon.awssdk.services.iot.model.UserProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Topic rules created with the AWS SDK for Java v2, run against real MQTT 5 clients: republish with
 * headers, Basic Ingest, the error action's document, and the control plane's round trips.
 */
@IotCoreLocal
class RulesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/rules";
    private static IotCoreEndpoints broker;
    private static IotClient iot;

    @BeforeAll
    static void client(IotCoreEndpoints endpoints) {
        broker = endpoints;
        iot = AwsClients.iot(broker);
    }

    @AfterAll
    static void close() {
        iot.close();
    }

    private static Action republish(String topic, int qos, MqttHeaders headers) {
        return Action.builder().republish(RepublishAction.builder().topic(topic).qos(qos).roleArn(ROLE)
                .headers(headers).build()).build();
    }

    private static void create(String name, String sql, Action... actions) {
        iot.createTopicRule(b -> b.ruleName(name).topicRulePayload(TopicRulePayload.builder().sql(sql)
                .awsIotSqlVersion("2016-03-23").actions(actions).build()));
    }

    private static Mqtt5BlockingClient connected(String clientId) {
        Mqtt5BlockingClient client = Clients.v5(broker, clientId);
        client.connect();
        return client;
    }

    private static void publish(Mqtt5BlockingClient client, String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aRuleRepublishesReshapedMatchingMessagesWithItsHeadersToAnMqtt5Subscriber() throws Exception {
        create("sdk_alerts", "SELECT temp, topic(2) AS device FROM 'sdk-dt/+/temp' WHERE temp > 50", republish("sdk-alerts/${topic(2)}", 1,
                MqttHeaders.builder().contentType("application/json").correlationData("${cid}")
                        .messageExpiry("120").payloadFormatIndicator("UTF8_DATA").responseTopic("replies/${topic(2)}")
                        .userProperties(UserProperty.builder().key("source").value("${clientid()}").build(),
                                UserProperty.builder().key("principal").value("${principal()}").build())
                        .build()));
        Mqtt5BlockingClient subscriber = connected("sdk-rule-subscriber");
        Mqtt5BlockingClient device = connected("sdk-rule-device");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter("sdk-alerts/#").qos(MqttQos.AT_LEAST_ONCE).send();

            publish(device, "sdk-dt/lamp-1/temp", "{\"temp\":40,\"cid\":\"Y29vbA==\"}");
            publish(device, "sdk-dt/lamp-1/temp", "{\"temp\":60,\"cid\":\"aG90\"}");

            // One publisher's messages are evaluated in order: had the first matched, it would come first.
            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(received.getTopic().toString()).isEqualTo("sdk-alerts/lamp-1");
            assertThat(JSON.readTree(received.getPayloadAsBytes()))
                    .isEqualTo(JSON.readTree("{\"temp\":60,\"device\":\"lamp-1\"}")); // reshaped by the SELECT
            assertThat(received.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            assertThat(received.isRetain()).isFalse();
            assertThat(received.getContentType()).map(Object::toString).contains("application/json");
            assertThat(received.getCorrelationData()).map(RulesIT::bytes).contains("hot".getBytes(StandardCharsets.UTF_8));
            assertThat(received.getMessageExpiryInterval()).isPresent();
            assertThat(received.getMessageExpiryInterval().getAsLong()).isBetween(110L, 120L);
            assertThat(received.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
            assertThat(received.getResponseTopic()).map(Object::toString).contains("replies/lamp-1");
            assertThat(received.getUserProperties().asList()).extracting(p -> p.getName() + "=" + p.getValue())
                    .containsExactly("source=sdk-rule-device", "principal=" + clientCertificateId());
        } finally {
            device.disconnect();
            subscriber.disconnect();
        }
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private static String clientCertificateId() throws Exception {
        return CertificateIds.of(PemCodec.parseCertificate(Files.readString(broker.clientCertificate())).orElseThrow());
    }

    @Test
    void basicIngestGoesToTheNamedRuleOnlyAndNeverToSubscribers() throws Exception {
        create("sdk_ingest", "SELECT * FROM 'not/this/one'", republish("sdk-ingested/${topic()}", 0, null));
        Mqtt5BlockingClient subscriber = connected("sdk-ingest-subscriber");
        Mqtt5BlockingClient device = connected("sdk-ingest-device");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter("factory/#").qos(MqttQos.AT_LEAST_ONCE).send();
            subscriber.subscribeWith().topicFilter("sdk-ingested/#").qos(MqttQos.AT_LEAST_ONCE).send();

            publish(device, "$aws/rules/sdk_ingest/factory/line-1", "{\"count\":3}");
            publish(device, "factory/marker", "marker"); // routed directly, after the ingest message

            List<String> topics = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
                topics.add(received.getTopic() + " " + text(received));
            }
            assertThat(topics).containsExactlyInAnyOrder("sdk-ingested/factory/line-1 {\"count\":3}",
                    "factory/marker marker");
        } finally {
            device.disconnect();
            subscriber.disconnect();
        }
    }

    @Test
    void aFailedActionSendsAwsErrorDocumentToTheErrorAction() throws Exception {
        // iotAnalytics: an AWS action type this emulator does not run, so it fails on every message.
        iot.createTopicRule(b -> b.ruleName("sdk_failing").topicRulePayload(TopicRulePayload.builder()
                .sql("SELECT * FROM 'sdk-failing/#'")
                .actions(Action.builder().iotAnalytics(a -> a.channelName("c")
                        .roleArn(ROLE)).build())
                .errorAction(republish("sdk-errors/rules", 1, null)).build()));
        Mqtt5BlockingClient subscriber = connected("sdk-error-subscriber");
        Mqtt5BlockingClient device = connected("sdk-error-device");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter("sdk-errors/rules").qos(MqttQos.AT_LEAST_ONCE).send();

            publish(device, "sdk-failing/1", "{\"n\":1}");

            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            JsonNode document = JSON.readTree(received.getPayloadAsBytes());
            assertThat(document.fieldNames()).toIterable().containsExactly("ruleName", "topic", "cloudwatchTraceId",
                    "clientId", "base64OriginalPayload", "failures");
            assertThat(document.get("ruleName").asText()).isEqualTo("sdk_failing");
            assertThat(document.get("topic").asText()).isEqualTo("sdk-failing/1");
            assertThat(document.get("clientId").asText()).isEqualTo("sdk-error-device");
            assertThat(document.get("cloudwatchTraceId").asText()).hasSize(36);
            assertThat(new String(Base64.getDecoder().decode(document.get("base64OriginalPayload").asText()),
                    StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
            assertThat(document.get("failures")).hasSize(1);
            JsonNode failure = document.get("failures").get(0);
            assertThat(failure.get("failedAction").asText()).isEqualTo("IotAnalyticsAction");
            assertThat(failure.get("errorMessage").asText()).contains("not emulated");
        } finally {
            device.disconnect();
            subscriber.disconnect();
        }
    }

    @Test
    void getListDisableEnableReplaceAndDeleteRoundTrip() throws Exception {
        create("sdk_round_b", "SELECT * FROM 'round/+'", republish("round-out/b", 0, null));
        create("sdk_round_a", "SELECT * FROM 'round/a'", republish("round-out/a", 0, null));

        GetTopicRuleResponse got = iot.getTopicRule(b -> b.ruleName("sdk_round_b"));
        assertThat(got.ruleArn()).isEqualTo("arn:aws:iot:us-east-1:123456789012:rule/sdk_round_b");
        assertThat(got.rule().ruleName()).isEqualTo("sdk_round_b");
        assertThat(got.rule().sql()).isEqualTo("SELECT * FROM 'round/+'");
        assertThat(got.rule().awsIotSqlVersion()).isEqualTo("2016-03-23");
        assertThat(got.rule().ruleDisabled()).isFalse();
        assertThat(got.rule().createdAt()).isNotNull();
        assertThat(got.rule().actions()).hasSize(1);
        assertThat(got.rule().actions().get(0).republish().topic()).isEqualTo("round-out/b");
        assertThat(got.rule().actions().get(0).republish().roleArn()).isEqualTo(ROLE);

        ListTopicRulesResponse first = iot.listTopicRules(b -> b.topic("round/a").maxResults(1));
        assertThat(first.rules()).extracting(TopicRuleListItem::ruleName).containsExactly("sdk_round_a");
        assertThat(first.rules().get(0).topicPattern()).isEqualTo("round/a");
        ListTopicRulesResponse second = iot.listTopicRules(b -> b.topic("round/a").maxResults(1)
                .nextToken(first.nextToken()));
        assertThat(second.rules()).extracting(TopicRuleListItem::ruleName).containsExactly("sdk_round_b");
        assertThat(second.nextToken()).isNull();

        iot.disableTopicRule(b -> b.ruleName("sdk_round_b"));
        assertThat(iot.getTopicRule(b -> b.ruleName("sdk_round_b")).rule().ruleDisabled()).isTrue();
        assertThat(iot.listTopicRules(b -> b.ruleDisabled(true)).rules()).extracting(TopicRuleListItem::ruleName)
                .containsExactly("sdk_round_b");
        Mqtt5BlockingClient subscriber = connected("sdk-round-subscriber");
        Mqtt5BlockingClient device = connected("sdk-round-device");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter("round-out/#").qos(MqttQos.AT_LEAST_ONCE).send();
            publish(device, "round/a", "disabled b, enabled a");
            // rule a's republish is the marker: both rules see the message on one rules thread, b first had it been enabled
            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(received.getTopic().toString()).isEqualTo("round-out/a");

            iot.enableTopicRule(b -> b.ruleName("sdk_round_b"));
            iot.replaceTopicRule(b -> b.ruleName("sdk_round_b").topicRulePayload(TopicRulePayload.builder()
                    .sql("SELECT * FROM 'round/a'").actions(republish("round-out/replaced", 0, null)).build()));
            publish(device, "round/a", "replaced");
            List<String> topics = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                topics.add(publishes.receive(10, TimeUnit.SECONDS).orElseThrow().getTopic().toString());
            }
            assertThat(topics).containsExactlyInAnyOrder("round-out/a", "round-out/replaced");
        } finally {
            device.disconnect();
            subscriber.disconnect();
        }
        GetTopicRuleResponse replaced = iot.getTopicRule(b -> b.ruleName("sdk_round_b"));
        assertThat(replaced.rule().createdAt()).isEqualTo(got.rule().createdAt());
        assertThat(replaced.rule().awsIotSqlVersion()).isEqualTo("2015-10-08");

        iot.deleteTopicRule(b -> b.ruleName("sdk_round_b"));
        assertThatThrownBy(() -> iot.getTopicRule(b -> b.ruleName("sdk_round_b")))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
    }

    @Test
    void badSqlIsASqlParseExceptionAndADuplicateNameIsRefused() {
        assertThatThrownBy(() -> create("sdk_bad_sql", "SELECT FROM WHERE", republish("x", 0, null)))
                .isInstanceOfSatisfying(SqlParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("line 1");
                });
        assertThatThrownBy(() -> iot.getTopicRule(b -> b.ruleName("sdk_bad_sql")))
                .isInstanceOf(UnauthorizedException.class);

        create("sdk_dup", "SELECT * FROM 'dup'");
        assertThatThrownBy(() -> create("sdk_dup", "SELECT * FROM 'dup'"))
                .isInstanceOfSatisfying(ResourceAlreadyExistsException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(409));
    }
}
