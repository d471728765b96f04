package dev.iotcorelocal.shadow;

import dev.iotcorelocal.limits.KeyedRateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Device Shadow service: one entry for MQTT requests (answers published on the request's
 * accepted or rejected topic) and one for HTTP calls (the answer returned; accepted updates and
 * deletes publish the same notifications, refusals publish nothing, as AWS does). Both run the
 * same engine through the thing's mailbox ({@link ShadowLanes}), so a shadow changes one request
 * at a time, in arrival order, whoever sent it. Get, update and delete count against the thing's
 * request rate (AWS: 20 per second per thing, "per thing and not per API"), checked as the
 * request runs.
 */
public final class ShadowService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowService.class);
    private final ShadowEngine engine;
    private final ShadowLanes lanes;
    private final ShadowPublisher publisher;
    private final KeyedRateLimiter requestRate;

    /** @param requestRate per thing name, on the engine's clock */
    ShadowService(ShadowEngine engine, ShadowLanes lanes, ShadowPublisher publisher, KeyedRateLimiter requestRate) {
        this.engine = engine;
        this.lanes = lanes;
        this.publisher = publisher;
        this.requestRate = requestRate;
    }

    /**
     * The service with AWS's bounds and {@code requestsPerSecond} per thing with a burst of as many
     * (0: no rate limit). Requests run on the thread that submits them when their thing is idle
     * ({@link ShadowLanes#onCaller}): an MQTT update is answered by the event loop that read it.
     */
    public static ShadowService start(ShadowEngine engine, ShadowPublisher publisher, int requestsPerSecond) {
        return new ShadowService(engine, ShadowLanes.onCaller(ShadowLimits.MAX_IN_FLIGHT_PER_THING,
                ShadowLimits.MAX_QUEUED_BYTES), publisher, new KeyedRateLimiter(requestsPerSecond, requestsPerSecond));
    }

    /** An MQTT request (from the router's tap): never blocks; over the bounds it is answered 429 at once. */
    public void request(ShadowKey key, ShadowOperation operation, byte[] payload) {
        boolean admitted = lanes.submit(key.thingName(), payload.length,
                () -> publish(run(key, operation, payload, Answers.subscribed(publisher, key, operation, false)), true));
        if (!admitted) {
            // Reading the token costs what running the request would have: it runs on this thread too.
            publisher.publish(ShadowTopics.rejected(key, operation), Responses.rejected(429,
                    ShadowRejection.TOO_MANY_REQUESTS, engine.nowSeconds(), ClientTokens.ofIgnoredPayload(payload)));
        }
    }

    /** An HTTP call: the result when the thing's mailbox has run it; over the bounds a 429 result at once. */
    public CompletableFuture<ShadowResult> call(ShadowKey key, ShadowOperation operation, byte[] payload) {
        CompletableFuture<ShadowResult> answer = new CompletableFuture<>();
        boolean admitted = lanes.submit(key.thingName(), payload.length, () -> {
            ShadowResult result = run(key, operation, payload, Answers.subscribed(publisher, key, operation, true));
            try {
                if (result.accepted() && operation != ShadowOperation.GET) {
                    publish(result, false);
                }
            } finally {
                answer.complete(result); // the caller has its answer even if a notification could not be published
            }
        });
        if (!admitted) {
            answer.complete(ShadowResult.rejected(key, operation,
                    new ShadowRejection(429, ShadowRejection.TOO_MANY_REQUESTS, null), engine.nowSeconds()));
        }
        return answer;
    }

    /** The thing's named shadows after {@code after}, read through the thing's mailbox (after every earlier request). */
    public CompletableFuture<List<String>> namedShadows(String thingName, String after, int limit) {
        CompletableFuture<List<String>> answer = new CompletableFuture<>();
        if (!lanes.submit(thingName, 0, () -> answer.complete(engine.namedShadows(thingName, after, limit)))) {
            answer.completeExceptionally(new ShadowRejection(429, ShadowRejection.TOO_MANY_REQUESTS, null));
        }
        return answer;
    }

    public long nowSeconds() {
        return engine.nowSeconds();
    }

    private ShadowResult run(ShadowKey key, ShadowOperation operation, byte[] payload, Answers answers) {
        if (!requestRate.tryAcquire(key.thingName(), engine.nowMillis())) {
            return ShadowResult.rejected(key, operation, new ShadowRejection(429, ShadowRejection.TOO_MANY_REQUESTS,
                    ClientTokens.ofIgnoredPayload(payload)), engine.nowSeconds());
        }
        try {
            return engine.handle(key, operation, payload, answers);
        } catch (RuntimeException e) {
            LOG.error("Shadow {} of {} failed unexpectedly; answered 500", operation.level(), key, e);
            return ShadowResult.rejected(key, operation,
                    new ShadowRejection(500, "Internal service failure", null), engine.nowSeconds());
        }
    }

    private void publish(ShadowResult result, boolean answer) {
        ShadowKey key = result.key();
        if (!result.accepted()) {
            if (answer) {
                publisher.publish(ShadowTopics.rejected(key, result.operation()), result.response());
            }
            return;
        }
        String accepted = ShadowTopics.accepted(key, result.operation());
        // an HTTP call's accepted document is always written (it is the body), published only if someone listens
        if (result.response() != null && (answer || publisher.hasSubscriber(accepted))) {
            publisher.publish(accepted, result.response());
        }
        if (result.delta() != null) {
            publisher.publish(ShadowTopics.delta(key), result.delta());
        }
        if (result.documents() != null) {
            publisher.publish(ShadowTopics.documents(key), result.documents());
        }
    }

    @Override
    public void close() {
        lanes.close();
    }
}
