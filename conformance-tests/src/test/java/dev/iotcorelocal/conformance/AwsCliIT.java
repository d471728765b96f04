package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS CLI v2 (Debian's awscli, which signs the control plane as "execute-api") against the
 * HTTP API, as a user types it. CI installs it; under CI a missing CLI is a failure, not a skip.
 */
@IotCoreLocal
class AwsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static IotCoreEndpoints broker;

    @BeforeAll
    static void endpoints(IotCoreEndpoints endpoints) {
        broker = endpoints;
    }

    @BeforeAll
    static void requireCli() {
        AwsCli.require();
    }

    private static AwsCli.Result aws(String... args) throws Exception {
        return AwsCli.run(broker.apiEndpoint(), args);
    }

    private static JsonNode ok(AwsCli.Result result) throws Exception {
        return result.json();
    }

    @Test
    void theCliCreatesDescribesListsAndUpdatesThings() throws Exception {
        JsonNode created = ok(aws("iot", "create-thing", "--thing-name", "cli-lamp",
                "--attribute-payload", "{\"attributes\":{\"room\":\"hall\"}}"));
        assertThat(created.path("thingArn").asText()).isEqualTo("arn:aws:iot:us-east-1:123456789012:thing/cli-lamp");
        ok(aws("iot", "update-thing", "--thing-name", "cli-lamp", "--expected-version", "1",
                "--attribute-payload", "{\"attributes\":{\"color\":\"blue\"},\"merge\":true}"));
        JsonNode described = ok(aws("iot", "describe-thing", "--thing-name", "cli-lamp"));
        assertThat(described.path("attributes").path("room").asText()).isEqualTo("hall");
        assertThat(described.path("attributes").path("color").asText()).isEqualTo("blue");
        assertThat(described.path("version").asLong()).isEqualTo(2);
        JsonNode listed = ok(aws("iot", "list-things", "--attribute-name", "room", "--attribute-value", "hall"));
        assertThat(listed.path("things").findValuesAsText("thingName")).containsExactly("cli-lamp");
    }

    @Test
    void theCliSeesAwsErrorTypes() throws Exception {
        AwsCli.Result missing = aws("iot", "describe-thing", "--thing-name", "no-such-thing");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("(ResourceNotFoundException)").contains("DescribeThing");
        AwsCli.Result conflict = aws("iot", "create-thing-type", "--thing-type-name", "dup");
        ok(conflict);
        AwsCli.Result again = aws("iot", "create-thing-type", "--thing-type-name", "dup");
        assertThat(again.stderr()).contains("(ResourceAlreadyExistsException)");
        AwsCli.Result unsupported = aws("iot", "list-topic-rule-destinations");
        assertThat(unsupported.stderr()).contains("(NotImplementedException)")
                .contains("iotcore-local does not emulate ListTopicRuleDestinations yet");
    }

    @Test
    void theCliPublishesToAnMqttSubscriberAndReadsTheRetainedMessage() throws Exception {
        Mqtt5BlockingClient subscriber = Clients.v5(broker, "cli-subscriber");
        subscriber.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter("cli/#").send();
            ok(aws("iot-data", "publish", "--cli-binary-format", "raw-in-base64-out", "--topic", "cli/$state",
                    "--qos", "1", "--retain", "--payload", "{\"on\":true}"));
            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(received.getTopic().toString()).isEqualTo("cli/$state");
            assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"on\":true}");

            JsonNode retained = ok(aws("iot-data", "get-retained-message", "--topic", "cli/$state"));
            assertThat(new String(Base64.getDecoder().decode(retained.path("payload").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("{\"on\":true}");
            assertThat(retained.path("qos").asInt()).isEqualTo(1);
            JsonNode list = ok(aws("iot-data", "list-retained-messages"));
            assertThat(list.path("retainedTopics").findValuesAsText("topic")).contains("cli/$state");
        } finally {
            subscriber.disconnect();
        }
    }

    @Test
    void theCliTestsAuthorizationAndItsDebugOutputShowsTheExplanation() throws Exception {
        String prefix = "arn:aws:iot:us-east-1:123456789012:";
        String arn = ok(aws("iot", "create-keys-and-certificate", "--set-as-active")).path("certificateArn").asText();
        ok(aws("iot", "create-policy", "--policy-name", "cli-own-topics", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\","
                        + "\"Resource\":\"" + prefix + "topic/cli/${iot:ClientId}/*\"}]}"));
        ok(aws("iot", "attach-policy", "--policy-name", "cli-own-topics", "--target", arn));
        String[] test = {"iot", "test-authorization", "--principal", arn, "--client-id", "cli-dev",
                "--auth-infos", "actionType=PUBLISH,resources=" + prefix + "topic/cli/other/x"};

        JsonNode output = ok(aws(test));

        assertThat(output).isEqualTo(JSON.readTree(("{'authResults':[{'authInfo':{'actionType':'PUBLISH',"
                + "'resources':['" + prefix + "topic/cli/other/x']},'allowed':{'policies':[]},'denied':{"
                + "'implicitDeny':{'policies':[{'policyName':'cli-own-topics','policyArn':'" + prefix
                + "policy/cli-own-topics'}]},'explicitDeny':{'policies':[]}},'authDecision':'IMPLICIT_DENY',"
                + "'missingContextValues':[]}]}").replace('\'', '"')));
        List<String> debug = new ArrayList<>(List.of("--debug"));
        debug.addAll(List.of(test));
        AwsCli.Result raw = aws(debug.toArray(String[]::new));
        assertThat(raw.exitCode()).isZero();
        assertThat(raw.stderr()).as("the SDKs drop the extra member; the raw body has it").contains("explanations")
                .contains("Denied iot:Publish for client")
                .contains("no statement allowed it; closest: policy");
    }
}
