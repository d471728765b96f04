package dev.iotcorelocal.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which thread answers what, with the worker a queue the test runs by hand: a cheap operation is
 * answered on the I/O thread at once, but never ahead of an earlier request still on the worker.
 */
class ApiRequestHandlerTest {
    private static final String SIGNED_DATA = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/iotdata/aws4_request,"
            + " SignedHeaders=host, Signature=0";
    private final List<String> handled = new ArrayList<>();
    private final Queue<Runnable> worker = new ArrayDeque<>();
    private final RouteTable routes = new RouteTable()
            .onIoThread(ApiService.DATA, "Publish", request -> {
                handled.add("publish " + request.path("topic"));
                return ApiResponse.json(Map.of("topic", request.path("topic")));
            })
            .on(ApiService.CONTROL, "DescribeThing", request -> {
                handled.add("describe " + request.path("thingName"));
                return ApiResponse.json(Map.of("thingName", request.path("thingName")));
            });
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new ApiRequestHandler(new ApiDispatcher(routes), worker::add));

    @AfterEach
    void releaseWhatIsLeft() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aCheapOperationIsAnsweredOnTheIoThreadWithoutTheWorker() {
        channel.writeInbound(publish("a"), publish("b"));
        assertThat(worker).isEmpty();
        assertThat(handled).containsExactly("publish a", "publish b");
        assertThat(answers()).containsExactly("{\"topic\":\"a\"}", "{\"topic\":\"b\"}");
    }

    @Test
    void aCheapOperationBehindOneOnTheWorkerWaitsItsTurnSoAnswersKeepTheirOrder() {
        channel.writeInbound(describe("lamp"), publish("after"));
        assertThat(handled).as("the publish must not overtake the describe").isEmpty();
        assertThat(answers()).isEmpty();
        runWorker();
        assertThat(handled).containsExactly("describe lamp", "publish after");
        assertThat(answers()).containsExactly("{\"thingName\":\"lamp\"}", "{\"topic\":\"after\"}");

        channel.writeInbound(publish("again")); // the worker is idle again: back to the I/O thread
        assertThat(worker).isEmpty();
        assertThat(answers()).containsExactly("{\"topic\":\"again\"}");
    }

    @Test
    void nothingAfterConnectionCloseIsHandledAndTheConnectionCloses() {
        FullHttpRequest last = publish("last");
        last.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        channel.writeInbound(last, publish("ignored"));
        assertThat(handled).containsExactly("publish last");
        assertThat(answers()).containsExactly("{\"topic\":\"last\"}");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aRefusalFoundWhileResolvingIsAnsweredInOrderToo() {
        channel.writeInbound(describe("lamp"), request(HttpMethod.GET, "/no-such-route", null));
        assertThat(answers()).isEmpty();
        runWorker();
        List<FullHttpResponse> responses = responses();
        assertThat(responses).extracting(r -> r.status().code()).containsExactly(200, 404);
        responses.forEach(FullHttpResponse::release);
    }

    private void runWorker() {
        for (Runnable task = worker.poll(); task != null; task = worker.poll()) {
            task.run();
        }
        channel.runPendingTasks(); // the answers hop back to the I/O thread
    }

    private List<String> answers() {
        List<String> bodies = new ArrayList<>();
        for (FullHttpResponse response : responses()) {
            bodies.add(response.content().toString(StandardCharsets.UTF_8));
            response.release();
        }
        return bodies;
    }

    private List<FullHttpResponse> responses() {
        List<FullHttpResponse> responses = new ArrayList<>();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            responses.add((FullHttpResponse) out);
        }
        return responses;
    }

    private static FullHttpRequest publish(String topic) {
        FullHttpRequest request = request(HttpMethod.POST, "/topics/" + topic, "payload");
        request.headers().set(HttpHeaderNames.AUTHORIZATION, SIGNED_DATA);
        return request;
    }

    private static FullHttpRequest describe(String thing) {
        return request(HttpMethod.GET, "/things/" + thing, null);
    }

    private static FullHttpRequest request(HttpMethod method, String uri, String body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.HOST, "localhost").setInt(HttpHeaderNames.CONTENT_LENGTH,
                request.content().readableBytes());
        return request;
    }
}
