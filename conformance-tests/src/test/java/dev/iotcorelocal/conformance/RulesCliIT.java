package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Topic rules as a user creates them with the AWS CLI's --topic-rule-payload, run against an MQTT 5 subscriber. */
@IotCoreLocal
class RulesCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static IotCoreEndpoints broker;

    @BeforeAll
    static void endpoints(IotCoreEndpoints endpoints) {
        broker = endpoints;
        AwsCli.require();
    }

    private static AwsCli.Result aws(String... args) throws Exception {
        return AwsCli.run(broker.apiEndpoint(), args);
    }

    private static JsonNode ok(AwsCli.Result result) throws Exception {
        return result.json();
    }

    @Test
    void aRuleFromTheCliRepublishesWithHeadersAndGetTopicRuleShowsIt() throws Exception {
        String payload = """
                {"sql": "SELECT temp AS t, topic(2) AS lamp FROM 'cli-dt/+/temp' WHERE temp > 50", "awsIotSqlVersion": "2016-03-23",
                 "description": "hot lamps",
                 "actions": [{"republish": {"topic": "cli-alerts/${topic(2)}", "qos": 1,
                   "roleArn": "arn:aws:iam::123456789012:role/r",
                   "headers": {"contentType": "application/json",
                               "userProperties": [{"key": "src", "value": "${clientid()}"}]}}}]}""";
        ok(aws("iot", "create-topic-rule", "--rule-name", "cli_alerts", "--topic-rule-payload", payload));

        Mqtt5BlockingClient subscriber = Clients.v5(broker, "cli-rule-subscriber");
        subscriber.connect();
        Mqtt5BlockingClient device = Clients.v5(broker, "cli-rule-device");
        device.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter("cli-alerts/#").qos(MqttQos.AT_LEAST_ONCE).send();
            device.publishWith().topic("cli-dt/lamp-2/temp").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"temp\":20}".getBytes(StandardCharsets.UTF_8)).send();
            device.publishWith().topic("cli-dt/lamp-2/temp").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"temp\":75}".getBytes(StandardCharsets.UTF_8)).send();

            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(received.getTopic().toString()).isEqualTo("cli-alerts/lamp-2");
            assertThat(JSON.readTree(received.getPayloadAsBytes()))
                    .isEqualTo(JSON.readTree("{\"t\":75,\"lamp\":\"lamp-2\"}")); // reshaped by the SELECT
            assertThat(received.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            assertThat(received.getContentType()).map(Object::toString).contains("application/json");
            assertThat(received.getUserProperties().asList()).extracting(p -> p.getName() + "=" + p.getValue())
                    .containsExactly("src=cli-rule-device");
        } finally {
            device.disconnect();
            subscriber.disconnect();
        }

        JsonNode got = ok(aws("iot", "get-topic-rule", "--rule-name", "cli_alerts"));
        assertThat(got.get("ruleArn").asText()).isEqualTo("arn:aws:iot:us-east-1:123456789012:rule/cli_alerts");
        JsonNode rule = got.get("rule");
        assertThat(rule.get("ruleName").asText()).isEqualTo("cli_alerts");
        assertThat(rule.get("description").asText()).isEqualTo("hot lamps");
        assertThat(rule.get("ruleDisabled").asBoolean()).isFalse();
        assertThat(rule.get("actions").get(0).get("republish").get("headers").get("userProperties").get(0)
                .get("value").asText()).isEqualTo("${clientid()}");
        JsonNode listed = ok(aws("iot", "list-topic-rules", "--topic", "cli-dt/lamp-2/temp"));
        assertThat(listed.get("rules").findValuesAsText("ruleName")).containsExactly("cli_alerts");
        assertThat(listed.get("rules").get(0).get("topicPattern").asText()).isEqualTo("cli-dt/+/temp");

        ok(aws("iot", "disable-topic-rule", "--rule-name", "cli_alerts"));
        assertThat(ok(aws("iot", "get-topic-rule", "--rule-name", "cli_alerts")).get("rule").get("ruleDisabled")
                .asBoolean()).isTrue();
        ok(aws("iot", "delete-topic-rule", "--rule-name", "cli_alerts"));
        AwsCli.Result gone = aws("iot", "get-topic-rule", "--rule-name", "cli_alerts");
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("(UnauthorizedException)").contains("GetTopicRule");
    }

    @Test
    void badSqlIsASqlParseExceptionForTheCli() throws Exception {
        AwsCli.Result refused = aws("iot", "create-topic-rule", "--rule-name", "cli_bad",
                "--topic-rule-payload", "{\"sql\": \"SELECT FROM WHERE\", \"actions\": []}");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("(SqlParseException)").contains("CreateTopicRule").contains("line 1");
    }
}
