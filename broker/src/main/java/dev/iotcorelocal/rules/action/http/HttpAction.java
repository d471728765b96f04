package dev.iotcorelocal.rules.action.http;

import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.PayloadJson;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import dev.iotcorelocal.rules.sql.RuleInput;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * POST of the SELECT result to the templated URL with the templated headers, asynchronously (no
 * rules thread waits on the network). Content-Type is application/json for a JSON result and
 * application/octet-stream otherwise, unless a header sets it. 429 and 5xx answers are retried as
 * AWS does (at most twice); any other non-2xx answer, a timeout or no connection fails the action.
 */
final class HttpAction implements RuleAction {
    private final Supplier<HttpClient> client;
    private final CompiledTemplate url;
    private final List<Header> headers;
    private final HttpActions.HttpTimeouts timeouts;
    private final boolean setsContentType;

    HttpAction(Supplier<HttpClient> client, CompiledTemplate url, List<Header> headers,
               HttpActions.HttpTimeouts timeouts) {
        this.client = client;
        this.url = url;
        this.headers = List.copyOf(headers);
        this.timeouts = timeouts;
        this.setsContentType = headers.stream().anyMatch(header -> header.key().equalsIgnoreCase("content-type"));
    }

    @Override
    public String failedActionName() {
        return HttpActionFactory.NAME;
    }

    @Override
    public String failedResource(ActionRequest request) {
        return url.render(request.input());
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        String target = url.render(request.input());
        HttpRequest post;
        try {
            post = request(target, request);
            return send(client.get(), post, target, 0);
        } catch (ActionFailedException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) { // a header value the client refuses, a client that is closed
            return CompletableFuture.failedFuture(failure(target, e.getMessage()));
        }
    }

    private HttpRequest request(String target, ActionRequest request) {
        try {
            HttpActionFactory.checkUrl("url", target);
        } catch (InvalidActionException e) {
            throw failure(target, "the url template rendered " + e.getMessage().substring("url ".length()));
        }
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(target))
                .timeout(timeouts.request())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.payload()));
        RuleInput input = request.input();
        for (Header header : headers) {
            post.header(header.key(), header.value().render(input));
        }
        if (!setsContentType) {
            post.header("Content-Type", PayloadJson.parse(request.payload()) != null ? "application/json"
                    : "application/octet-stream");
        }
        return post.build();
    }

    private CompletionStage<Void> send(HttpClient http, HttpRequest post, String target, int retried) {
        return http.sendAsync(post, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        throw failure(target, cause.getClass().getSimpleName()
                                + (cause.getMessage() == null ? "" : " " + cause.getMessage()) + retries(retried));
                    }
                    return response.statusCode();
                })
                .thenCompose(status -> {
                    if (status >= 200 && status < 300) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if ((status == 429 || status >= 500) && retried < timeouts.retries()) {
                        return send(http, post, target, retried + 1);
                    }
                    throw failure(target, "answered HTTP " + status + retries(retried));
                });
    }

    private static String retries(int retried) {
        return retried == 0 ? "" : " after " + retried + (retried == 1 ? " retry" : " retries");
    }

    private static ActionFailedException failure(String target, String why) {
        return new ActionFailedException(HttpActionFactory.NAME + " failed to make a request to " + target + ": " + why);
    }

    /** One configured header: its name, and its value's template. */
    record Header(String key, CompiledTemplate value) {
    }
}
