package dev.iotcorelocal.rules.action.republish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.UserProperty;
import dev.iotcorelocal.rules.FakeSqlCompiler;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import dev.iotcorelocal.rules.sql.RuleInput;
import dev.iotcorelocal.rules.sql.SqlParseException;
import dev.iotcorelocal.rules.sql.SqlVersion;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The republish action: topic and header templates rendered per message, $$, QoS, and refusals as failures. */
class RepublishActionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Published> published = new ArrayList<>();
    private String refusal;
    private final RepublishActionFactory factory = new RepublishActionFactory((topic, payload, qos, properties) -> {
        published.add(new Published(topic, new String(payload, StandardCharsets.UTF_8), qos, properties));
        return refusal;
    });
    private final ActionEnvironment environment = new ActionEnvironment() {
        @Override
        public CompiledTemplate template(String text) throws SqlParseException {
            return new FakeSqlCompiler().template(text, SqlVersion.V2016_03_23);
        }

        @Override
        public URI awsEndpoint() {
            return null;
        }

        @Override
        public String region() {
            return "us-east-1";
        }
    };

    record Published(String topic, String payload, int qos, PublishProperties properties) {
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static ActionRequest request(String topic, String payload) {
        return new ActionRequest("rule", "{\"out\":1}".getBytes(StandardCharsets.UTF_8),
                new RuleInput(topic, payload.getBytes(StandardCharsets.UTF_8), PublishProperties.EMPTY, "device-9",
                        "cd".repeat(32), "127.0.0.1", "trace", 1000));
    }

    @Test
    void topicAndEveryHeaderAreRenderedFromTheOriginalMessage() throws Exception {
        RuleAction action = factory.create(json("{'topic':'alerts/${topic(2)}','qos':1,'roleArn':'arn:aws:iam::1:role/r',"
                + "'headers':{'contentType':'application/${kind}','correlationData':'${cid}','messageExpiry':'${ttl}',"
                + "'payloadFormatIndicator':'UTF8_DATA','responseTopic':'replies/${clientid()}',"
                + "'userProperties':[{'key':'src','value':'${clientid()}'},{'key':'${kind}','value':'literal'}]}}"),
                environment);

        action.run(request("dt/lamp-1/temp", "{\"kind\":\"json\",\"cid\":\"Y2lk\",\"ttl\":60}"))
                .toCompletableFuture().join();

        assertThat(published).hasSize(1);
        Published message = published.get(0);
        assertThat(message.topic()).isEqualTo("alerts/lamp-1");
        assertThat(message.payload()).isEqualTo("{\"out\":1}");
        assertThat(message.qos()).isEqualTo(1);
        PublishProperties properties = message.properties();
        assertThat(properties.contentType()).isEqualTo("application/json");
        assertThat(properties.correlationData()).isEqualTo("cid".getBytes(StandardCharsets.UTF_8));
        assertThat(properties.messageExpiryInterval()).isEqualTo(60L);
        assertThat(properties.payloadFormatIndicator()).isEqualTo(1);
        assertThat(properties.responseTopic()).isEqualTo("replies/device-9");
        assertThat(properties.userProperties()).containsExactly(new UserProperty("src", "device-9"),
                new UserProperty("json", "literal"));
    }

    @Test
    void withoutHeadersTheMessageCarriesNoneAtQosZero() throws Exception {
        RuleAction action = factory.create(json("{'topic':'out'}"), environment);

        action.run(request("in", "{}")).toCompletableFuture().join();

        assertThat(published.get(0).qos()).isZero();
        assertThat(published.get(0).properties().isEmpty()).isTrue();
    }

    @Test
    void aLeadingDoubleDollarPublishesToADollarTopic() throws Exception {
        RuleAction action = factory.create(json("{'topic':'$$aws/things/${topic(2)}/shadow/update'}"), environment);

        action.run(request("dt/lamp", "{}")).toCompletableFuture().join();

        assertThat(published.get(0).topic()).isEqualTo("$aws/things/lamp/shadow/update");
        assertThat(action.failedResource(request("dt/lamp", "{}"))).isEqualTo("$aws/things/lamp/shadow/update");
    }

    @Test
    void headersThatCannotBeSentFailTheActionAndPublishNothing() throws Exception {
        String[][] cases = {
                {"'correlationData':'${cid}'", "{\"cid\":\"not base64!\"}", "correlationData must be base64"},
                {"'messageExpiry':'${ttl}'", "{\"ttl\":\"soon\"}", "messageExpiry must be a whole number"},
                {"'payloadFormatIndicator':'${f}'", "{\"f\":\"TEXT\"}", "UNSPECIFIED_BYTES or UTF8_DATA"},
                {"'responseTopic':'r/#'", "{}", "wildcard"},
        };
        for (String[] c : cases) {
            RuleAction action = factory.create(json("{'topic':'out','headers':{" + c[0] + "}}"), environment);
            CompletableFuture<Void> run = action.run(request("in", c[1])).toCompletableFuture();
            assertThatThrownBy(run::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(ActionFailedException.class).hasMessageContaining(c[2]);
        }
        assertThat(published).isEmpty();
    }

    @Test
    void theBrokersRefusalIsTheFailureMessage() throws Exception {
        refusal = "Payload too large (140000 > 131072 bytes).";
        RuleAction action = factory.create(json("{'topic':'out/${topic()}'}"), environment);

        CompletableFuture<Void> run = action.run(request("in", "{}")).toCompletableFuture();

        assertThatThrownBy(run::join).hasCauseInstanceOf(ActionFailedException.class)
                .hasMessageContaining("Failed to republish to topic 'out/in': Payload too large");
    }

    @Test
    void aTopicThatRendersToNoTopicNameFails() throws Exception {
        RuleAction action = factory.create(json("{'topic':'${missing}'}"), environment);

        assertThatThrownBy(() -> action.run(request("in", "{}")).toCompletableFuture().join())
                .hasMessageContaining("is not a topic name");
        assertThat(published).isEmpty();
    }

    @Test
    void invalidDefinitionsAreRefusedAtCreation() {
        String[][] cases = {
                {"{'qos':1}", "topic is required"},
                {"{'topic':'t','qos':2}", "qos must be 0 or 1"},
                {"{'topic':'t','headers':{'contentType':5}}", "headers.contentType must be a string"},
                {"{'topic':'t','headers':{'userProperties':[]}}", "userProperties"},
                {"{'topic':'t','headers':{'userProperties':[{'key':'k'}]}}", "value is required"},
                {"{'topic':'${unknown_fn(}'}", "not a valid substitution template"},
                {"{'topic':'t','headers':{'responseTopic':'" + "x".repeat(1025) + "'}}", "at most 1024"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> factory.create(json(c[0]), environment))
                    .isInstanceOf(InvalidActionException.class).hasMessageContaining(c[1]);
        }
    }
}
