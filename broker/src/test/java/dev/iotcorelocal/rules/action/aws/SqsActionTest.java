package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.TestEnvironment;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.testsupport.RecordingHttpServer;
import dev.iotcorelocal.testsupport.RecordingHttpServer.Request;
import dev.iotcorelocal.testsupport.RecordingHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqsActionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private RecordingHttpServer sqs;
    private AwsActions actions;

    @BeforeEach
    void start() throws Exception {
        sqs = RecordingHttpServer.start(SqsActionTest::sendMessageAnswer);
        actions = new AwsActions();
    }

    @AfterEach
    void stop() {
        actions.close();
        sqs.close();
    }

    @Test
    void sendsThePayloadAsTheMessageBodyToTheTemplatedQueue() throws Exception {
        RuleAction action = factory().create(spec("""
                {"queueUrl": "http://sqs.local/000000000000/q-${topic()}", "roleArn": "arn:aws:iam::123456789012:role/r"}"""),
                new TestEnvironment(sqs.uri(), "eu-west-1"));

        action.run(TestEnvironment.request("sensors", "{\"t\":21}".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join();

        Request request = sqs.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("X-Amz-Target")).isEqualTo("AmazonSQS.SendMessage");
        assertThat(request.signingService()).isEqualTo("sqs");
        assertThat(request.signingRegion()).isEqualTo("eu-west-1");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("QueueUrl").asText()).isEqualTo("http://sqs.local/000000000000/q-sensors");
        assertThat(body.path("MessageBody").asText()).isEqualTo("{\"t\":21}");
        assertThat(action.failedActionName()).isEqualTo("SqsAction");
    }

    @Test
    void useBase64SendsTheBytesAsBase64() throws Exception {
        RuleAction action = factory().create(spec("{\"queueUrl\": \"http://q\", \"useBase64\": true}"),
                new TestEnvironment(sqs.uri(), "us-east-1"));

        action.run(TestEnvironment.request("t", new byte[]{0, (byte) 0xff, 0x10})).toCompletableFuture().join();

        assertThat(JSON.readTree(sqs.take().body()).path("MessageBody").asText()).isEqualTo("AP8Q");
    }

    @Test
    void aServiceErrorFailsTheActionWithItsCodeStatusAndMessage() throws Exception {
        sqs.answer(request -> Response.of(400, "application/x-amz-json-1.0",
                "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"The specified queue does not exist.\"}"));
        RuleAction action = factory().create(spec("{\"queueUrl\": \"http://q/missing\"}"),
                new TestEnvironment(sqs.uri(), "us-east-1"));

        assertThatThrownBy(() -> action.run(TestEnvironment.request("t", "x".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ActionFailedException.class)
                .hasMessage("SqsAction failed to send a message to http://q/missing: QueueDoesNotExist (HTTP 400): "
                        + "The specified queue does not exist.");
    }

    @Test
    void anEndpointThatRefusesConnectionsFailsTheAction() throws Exception {
        // Port 1: nothing listens there, and no test's ephemeral port can take it over between the SDK's
        // attempts (a port freed here could be: then the connection hangs and the call times out instead).
        RuleAction action = factory().create(spec("{\"queueUrl\": \"http://q\"}"),
                new TestEnvironment(java.net.URI.create("http://127.0.0.1:1"), "us-east-1"));

        assertThatThrownBy(() -> action.run(TestEnvironment.request("t", "x".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join())
                .cause().isInstanceOf(ActionFailedException.class)
                .hasMessageStartingWith("SqsAction failed to send a message to http://q: ")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void withoutAnEndpointTheActionIsNotEmulated() throws Exception {
        RuleAction action = factory().create(spec("{\"queueUrl\": \"http://q\"}"), TestEnvironment.withoutEndpoint());

        assertThatThrownBy(() -> action.run(TestEnvironment.request("t", new byte[0])).toCompletableFuture().join())
                .cause().isInstanceOf(ActionFailedException.class)
                .hasMessage("SqsAction is not emulated here: set rules.aws-endpoint-url (e.g. a LocalStack) to run it");
        assertThat(action.failedResource(TestEnvironment.request("t", new byte[0]))).isEqualTo("http://q");
        assertThat(sqs.pending()).isZero();
    }

    @Test
    void refusesWhatCreateTopicRuleRefuses() {
        assertThatThrownBy(() -> factory().create(spec("{\"useBase64\": true}"), TestEnvironment.withoutEndpoint()))
                .isInstanceOf(InvalidActionException.class).hasMessage("sqs.queueUrl is required");
        assertThatThrownBy(() -> factory().create(spec("{\"queueUrl\": \"q\", \"useBase64\": \"yes\"}"),
                TestEnvironment.withoutEndpoint()))
                .isInstanceOf(InvalidActionException.class).hasMessage("sqs.useBase64 must be true or false");
        assertThatThrownBy(() -> factory().create(spec("{\"queueUrl\": \"${nope()}\"}"), TestEnvironment.withoutEndpoint()))
                .isInstanceOf(InvalidActionException.class).hasMessageStartingWith("sqs.queueUrl: ");
    }

    private ActionFactory factory() {
        return actions.factories().stream().filter(f -> f.key().equals("sqs")).findFirst().orElseThrow();
    }

    private static JsonNode spec(String json) throws Exception {
        return JSON.readTree(json);
    }

    /** SendMessage's answer; the SDK checks MD5OfMessageBody against what it sent. */
    static Response sendMessageAnswer(Request request) {
        try {
            String body = JSON.readTree(request.body()).path("MessageBody").asText();
            return Response.of(200, "application/x-amz-json-1.0",
                    "{\"MessageId\":\"m-1\",\"MD5OfMessageBody\":\"" + md5(body) + "\"}");
        } catch (Exception e) {
            return Response.of(500, "text/plain", e.toString());
        }
    }

    static String md5(String text) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }
}
