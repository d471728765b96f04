package dev.iotcorelocal.rules.action.http;

import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpActionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private RecordingHttpServer web;
    private HttpActions actions;

    @BeforeEach
    void start() throws Exception {
        web = RecordingHttpServer.start(request -> Response.empty(200));
        actions = new HttpActions(new HttpActions.HttpTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500), 2));
    }

    @AfterEach
    void stop() {
        actions.close();
        web.close();
    }

    @Test
    void postsThePayloadToTheTemplatedUrlWithTheTemplatedHeaders() throws Exception {
        RuleAction action = action("{\"url\": \"" + web.uri() + "/in/${topic()}\", \"confirmationUrl\": \"" + web.uri()
                + "\", \"headers\": [{\"key\": \"x-static\", \"value\": \"s\"}, {\"key\": \"x-topic\", \"value\": \"t=${topic()}\"}]}");

        run(action, "dev1", "{\"t\":1}");

        Request request = web.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/in/dev1");
        assertThat(request.header("x-static")).isEqualTo("s");
        assertThat(request.header("x-topic")).isEqualTo("t=dev1");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.bodyText()).isEqualTo("{\"t\":1}");
        assertThat(action.failedActionName()).isEqualTo("HttpAction");
        assertThat(action.failedResource(TestEnvironment.request("dev1", new byte[0]))).isEqualTo(web.uri() + "/in/dev1");
    }

    @Test
    void aNonJsonPayloadIsOctetStreamUnlessAHeaderSaysOtherwise() throws Exception {
        run(action("{\"url\": \"" + web.uri() + "/a\"}"), "t", new byte[]{0, 1, 2});
        run(action("{\"url\": \"" + web.uri() + "/b\", \"headers\": [{\"key\": \"CONTENT-TYPE\", \"value\": \"text/csv\"}]}"),
                "t", "1,2".getBytes(StandardCharsets.UTF_8));

        Request binary = web.take();
        assertThat(binary.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(binary.body()).containsExactly(0, 1, 2);
        assertThat(web.take().header("Content-Type")).isEqualTo("text/csv");
    }

    @Test
    void aServerErrorIsRetriedTwiceThenFailsWithTheStatus() throws Exception {
        web.answer(request -> Response.empty(500));
        RuleAction action = action("{\"url\": \"" + web.uri() + "/x\"}");

        assertThatThrownBy(() -> run(action, "t", "{}"))
                .cause().isInstanceOf(ActionFailedException.class)
                .hasMessage("HttpAction failed to make a request to " + web.uri() + "/x: answered HTTP 500 after 2 retries");
        web.take();
        web.take();
        web.take();
        assertThat(web.pending()).isZero();
    }

    @Test
    void aRetriedRequestThatSucceedsIsASuccess() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        web.answer(request -> Response.empty(calls.incrementAndGet() == 1 ? 429 : 204));

        run(action("{\"url\": \"" + web.uri() + "/x\"}"), "t", "{}");

        assertThat(calls).hasValue(2);
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        web.answer(request -> request.path().equals("/marker") ? Response.empty(200) : Response.empty(404));

        assertThatThrownBy(() -> run(action("{\"url\": \"" + web.uri() + "/missing\"}"), "t", "{}"))
                .cause().isInstanceOf(ActionFailedException.class)
                .hasMessage("HttpAction failed to make a request to " + web.uri() + "/missing: answered HTTP 404");
        run(action("{\"url\": \"" + web.uri() + "/marker\"}"), "t", "{}");

        assertThat(web.take().path()).isEqualTo("/missing");
        assertThat(web.take().path()).isEqualTo("/marker"); // no second /missing in between
    }

    @Test
    void anEndpointThatRefusesConnectionsFailsTheAction() throws Exception {
        String url = web.uri() + "/x";
        web.close();

        assertThatThrownBy(() -> run(action("{\"url\": \"" + url + "\"}"), "t", "{}"))
                .cause().isInstanceOf(ActionFailedException.class)
                .hasMessageStartingWith("HttpAction failed to make a request to " + url + ": ConnectException");
    }

    @Test
    void anEndpointThatDoesNotAnswerTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        web.answer(request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Response.empty(200);
        });
        try {
            assertThatThrownBy(() -> run(action("{\"url\": \"" + web.uri() + "/slow\"}"), "t", "{}"))
                    .cause().isInstanceOf(ActionFailedException.class)
                    .hasMessageStartingWith("HttpAction failed to make a request to " + web.uri()
                            + "/slow: HttpTimeoutException");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aUrlTemplateThatRendersNoUrlFailsTheAction() throws Exception {
        RuleAction action = action("{\"url\": \"${topic()}\"}");

        assertThatThrownBy(() -> run(action, "not a url", "{}"))
                .cause().isInstanceOf(ActionFailedException.class)
                .hasMessageStartingWith("HttpAction failed to make a request to not a url: the url template rendered ");
    }

    @Test
    void refusesWhatCreateTopicRuleRefuses() {
        assertInvalid("{}", "http.url is required");
        assertInvalid("{\"url\": \"ftp://host/x\"}", "http.url must be an http or https URL with a host, not 'ftp://host/x'");
        assertInvalid("{\"url\": \"http://h\", \"headers\": {\"k\": \"v\"}}",
                "http.headers must be a list of at most 100 {\"key\": ..., \"value\": ...} objects");
        assertInvalid("{\"url\": \"http://h\", \"headers\": [{\"key\": \"Host\", \"value\": \"v\"}]}",
                "http.headers[0].key Host is set by the HTTP client itself");
        assertInvalid("{\"url\": \"http://h\", \"headers\": [{\"key\": \"a b\", \"value\": \"v\"}]}",
                "http.headers[0].key 'a b' is not an HTTP header name");
        assertInvalid("{\"url\": \"http://h\", \"headers\": [{\"key\": \"k\"}]}", "http.headers[0].value is required");
    }

    private void assertInvalid(String spec, String message) {
        assertThatThrownBy(() -> action(spec)).isInstanceOf(InvalidActionException.class).hasMessage(message);
    }

    private RuleAction action(String spec) throws Exception {
        return actions.factory().create(JSON.readTree(spec), TestEnvironment.withoutEndpoint());
    }

    private static void run(RuleAction action, String topic, String payload) {
        run(action, topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static void run(RuleAction action, String topic, byte[] payload) {
        action.run(TestEnvironment.request(topic, payload)).toCompletableFuture().join();
    }
}
