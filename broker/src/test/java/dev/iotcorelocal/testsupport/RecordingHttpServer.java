package dev.iotcorelocal.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 that records every request (method, path, headers, body) and answers
 * what the test tells it: a stand-in for an AWS service whose requests a test asserts.
 */
public final class RecordingHttpServer implements AutoCloseable {
    private static final Pattern SIGNING_SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private volatile Function<Request, Response> responder;

    private RecordingHttpServer(Function<Request, Response> responder) throws IOException {
        this.responder = responder;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static RecordingHttpServer start(Function<Request, Response> responder) throws IOException {
        return new RecordingHttpServer(responder);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void answer(Function<Request, Response> newResponder) {
        this.responder = newResponder;
    }

    /** The next recorded request, waiting up to 10 s for it. */
    public Request take() throws InterruptedException {
        Request request = requests.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request reached " + uri() + " within 10 s");
        }
        return request;
    }

    /** How many requests are recorded and not yet taken. */
    public int pending() {
        return requests.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers,
                    in.readAllBytes());
            requests.add(request);
            Response response = responder.apply(request);
            response.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** One recorded request; header names are lower-cased. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The service name the SigV4 Authorization header's credential scope names, e.g. {@code sqs}. */
        public String signingService() {
            return signingScope(2);
        }

        public String signingRegion() {
            return signingScope(1);
        }

        private String signingScope(int group) {
            String authorization = header("Authorization");
            if (authorization == null) {
                return null;
            }
            Matcher matcher = SIGNING_SCOPE.matcher(authorization);
            return matcher.find() ? matcher.group(group) : null;
        }
    }

    public record Response(int status, Map<String, String> headers, byte[] body) {
        public static Response of(int status, String contentType, String body) {
            return new Response(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
        }

        public static Response of(int status, String contentType, byte[] body) {
            return new Response(status, Map.of("Content-Type", contentType), body);
        }

        public static Response empty(int status) {
            return new Response(status, Map.of(), new byte[0]);
        }
    }
}
