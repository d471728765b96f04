package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.limits.KeyedRateLimiter;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.PublishProperties;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static dev.iotcorelocal.shadow.ShadowFixture.tree;
import static org.assertj.core.api.Assertions.assertThat;

/** What the service publishes for MQTT and HTTP requests, its bounds, and per-thing ordering. */
class ShadowServiceTest {
    private static final ShadowKey LAMP = ShadowKey.classic("lamp");
    private static final KeyedRateLimiter NO_RATE_LIMIT = new KeyedRateLimiter(0, 0);
    private final ShadowFixture f = new ShadowFixture();
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());
    private final List<byte[]> payloads = Collections.synchronizedList(new ArrayList<>());
    /** Topics with no subscriber: the service should not even write their documents. */
    private final java.util.Set<String> unsubscribed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ShadowPublisher recorder = new ShadowPublisher() {
        @Override
        public void publish(String topic, byte[] payload) {
            assertThat(unsubscribed).as("published to a topic nobody subscribes to").doesNotContain(topic);
            published.add(topic);
            payloads.add(payload);
        }

        @Override
        public boolean hasSubscriber(String topic) {
            return !unsubscribed.contains(topic);
        }
    };
    private final ManualLane lane = new ManualLane();
    private final ShadowService service = new ShadowService(f.engine,
            new ShadowLanes(List.of(lane), ShadowLimits.MAX_IN_FLIGHT_PER_THING, 1 << 20), recorder, NO_RATE_LIMIT);
    private final ShadowTap tap = new ShadowTap(service);

    /** Runs submitted tasks only when told, so in-flight counts can be held. */
    static final class ManualLane implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run();
            }
        }
    }

    private static Message message(String topic, String payload) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false, PublishProperties.EMPTY,
                Message.NEVER, "device");
    }

    @Test
    void anMqttUpdatePublishesAcceptedDeltaAndDocumentsOnTheShadowsTopics() {
        tap.routed(message("$aws/things/lamp/shadow/name/main/update",
                "{\"state\":{\"desired\":{\"on\":true}},\"clientToken\":\"c1\"}"));
        assertThat(published).as("nothing before the lane runs").isEmpty();
        lane.runAll();
        assertThat(published).containsExactly("$aws/things/lamp/shadow/name/main/update/accepted",
                "$aws/things/lamp/shadow/name/main/update/delta", "$aws/things/lamp/shadow/name/main/update/documents");
        assertThat(tree(payloads.get(1)).path("state").toString()).isEqualTo("{\"on\":true}");
    }

    @Test
    void anMqttRefusalIsPublishedOnTheRejectedTopicOfTheRequest() {
        tap.routed(message("$aws/things/lamp/shadow/get", ""));
        tap.routed(message("$aws/things/lamp/shadow/update", "{\"nostate\":1,\"clientToken\":\"t\"}"));
        lane.runAll();
        assertThat(published).containsExactly("$aws/things/lamp/shadow/get/rejected",
                "$aws/things/lamp/shadow/update/rejected");
        assertThat(tree(payloads.get(0)).path("code").intValue()).isEqualTo(404);
        assertThat(tree(payloads.get(1)).path("clientToken").textValue()).isEqualTo("t");
    }

    @Test
    void responseTopicsAndOtherTopicsAreNoRequests() {
        tap.routed(message("$aws/things/lamp/shadow/update/accepted", "{\"state\":{}}"));
        tap.routed(message("$aws/things/lamp/shadow/update/delta", "{\"state\":{}}"));
        tap.routed(message("$aws/things/lamp/jobs/get", "{}"));
        tap.routed(message("things/lamp/shadow/update", "{\"state\":{}}"));
        tap.routed(message("$aws/things/lamp/shadow/update", "{\"state\":{}}")); // the marker
        lane.runAll();
        assertThat(published).containsExactly("$aws/things/lamp/shadow/update/accepted",
                "$aws/things/lamp/shadow/update/documents");
    }

    @Test
    void httpCallsAnswerTheCallerPublishAcceptedUpdatesAndDeletesAndNeverRefusalsOrGets() throws Exception {
        CompletableFuture<ShadowResult> refused = service.call(LAMP, ShadowOperation.UPDATE, "[]".getBytes());
        CompletableFuture<ShadowResult> missing = service.call(LAMP, ShadowOperation.GET, new byte[0]);
        CompletableFuture<ShadowResult> updated = service.call(LAMP, ShadowOperation.UPDATE,
                "{\"state\":{\"desired\":{\"on\":true}}}".getBytes());
        CompletableFuture<ShadowResult> read = service.call(LAMP, ShadowOperation.GET, new byte[0]);
        CompletableFuture<ShadowResult> deleted = service.call(LAMP, ShadowOperation.DELETE, new byte[0]);
        lane.runAll();
        assertThat(refused.get().rejection().code()).isEqualTo(400);
        assertThat(missing.get().rejection().code()).isEqualTo(404);
        assertThat(updated.get().accepted()).isTrue();
        assertThat(tree(read.get().response()).path("state").path("delta").toString()).isEqualTo("{\"on\":true}");
        assertThat(deleted.get().accepted()).isTrue();
        assertThat(published).containsExactly("$aws/things/lamp/shadow/update/accepted",
                "$aws/things/lamp/shadow/update/delta", "$aws/things/lamp/shadow/update/documents",
                "$aws/things/lamp/shadow/delete/accepted");
    }

    @Test
    void theEleventhUnansweredRequestOfAThingIs429AndOtherThingsAreNotHeldUp() {
        for (int i = 0; i < ShadowLimits.MAX_IN_FLIGHT_PER_THING; i++) {
            tap.routed(message("$aws/things/lamp/shadow/update", "{\"state\":{\"reported\":{\"n\":" + i + "}}}"));
        }
        tap.routed(message("$aws/things/lamp/shadow/name/other/update", "{\"state\":{},\"clientToken\":\"t11\"}"));
        assertThat(published).hasSize(1);
        assertThat(published.get(0)).isEqualTo("$aws/things/lamp/shadow/name/other/update/rejected");
        JsonNode tooMany = tree(payloads.get(0));
        assertThat(tooMany.path("code").intValue()).isEqualTo(429);
        assertThat(tooMany.path("message").textValue()).isEqualTo("Too many requests");
        assertThat(tooMany.path("clientToken").textValue()).as("the refused request's token").isEqualTo("t11");
        assertThat(service.call(LAMP, ShadowOperation.GET, new byte[0]).join().rejection().code())
                .as("HTTP shares the bound").isEqualTo(429);

        tap.routed(message("$aws/things/fan/shadow/update", "{\"state\":{}}"));
        lane.runAll();
        assertThat(published.stream().filter(t -> t.endsWith("/update/accepted"))).hasSize(11);
        tap.routed(message("$aws/things/lamp/shadow/update", "{\"state\":{}}"));
        lane.runAll();
        assertThat(published.get(published.size() - 2)).as("admitted again once answered")
                .isEqualTo("$aws/things/lamp/shadow/update/accepted");
    }

    @Test
    void queuedBytesAreBoundedAcrossThings() {
        ShadowService small = new ShadowService(f.engine, new ShadowLanes(List.of(lane), 10, 100), recorder,
                NO_RATE_LIMIT);
        String body = "{\"state\":{\"reported\":{\"pad\":\"" + "p".repeat(40) + "\"}}}";
        assertThat(small.call(ShadowKey.classic("a"), ShadowOperation.UPDATE, body.getBytes()).isDone()).isFalse();
        assertThat(small.call(ShadowKey.classic("b"), ShadowOperation.UPDATE, body.getBytes()).join().rejection()
                .code()).isEqualTo(429);
        lane.runAll();
        assertThat(small.call(ShadowKey.classic("b"), ShadowOperation.UPDATE, body.getBytes()).isDone()).isFalse();
    }

    @Test
    void updatesFromManyThreadsApplyOneAtATimeInEachSendersOrder() throws Exception {
        int senders = 4;
        int perSender = 250;
        try (ShadowLanes lanes = ShadowLanes.threads(2, senders * perSender, 1 << 24)) {
            ShadowService threaded = new ShadowService(f.engine, lanes, recorder, NO_RATE_LIMIT);
            List<List<CompletableFuture<ShadowResult>>> results = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                List<CompletableFuture<ShadowResult>> mine = Collections.synchronizedList(new ArrayList<>());
                results.add(mine);
                int sender = s;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perSender; i++) {
                        mine.add(threaded.call(LAMP, ShadowOperation.UPDATE, ("{\"state\":{\"reported\":{\"s" + sender
                                + "\":" + i + "}}}").getBytes()));
                    }
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(20));
            }
            List<Integer> versions = new ArrayList<>();
            for (List<CompletableFuture<ShadowResult>> mine : results) {
                int last = 0;
                for (CompletableFuture<ShadowResult> result : mine) {
                    int version = tree(result.get(10, TimeUnit.SECONDS).response()).path("version").intValue();
                    assertThat(version).as("a sender's updates apply in its order").isGreaterThan(last);
                    last = version;
                    versions.add(version);
                }
            }
            assertThat(versions).hasSize(senders * perSender).doesNotHaveDuplicates();
            assertThat(Collections.max(versions)).isEqualTo(senders * perSender);
            JsonNode reported = tree(f.get(LAMP, "").response()).path("state").path("reported");
            for (int s = 0; s < senders; s++) {
                assertThat(reported.path("s" + s).intValue()).isEqualTo(perSender - 1);
            }
        }
    }

    @Test
    void overTheThingsRequestRateAnMqttRequestIs429WithItsClientTokenUntilTheClockRefillsTheBucket() {
        ShadowService limited = new ShadowService(f.engine,
                new ShadowLanes(List.of(lane), ShadowLimits.MAX_IN_FLIGHT_PER_THING, 1 << 20), recorder,
                new KeyedRateLimiter(2, 2));
        ShadowTap limitedTap = new ShadowTap(limited);
        limitedTap.routed(message("$aws/things/lamp/shadow/update", "{\"state\":{},\"clientToken\":\"u1\"}"));
        limitedTap.routed(message("$aws/things/lamp/shadow/name/n/get", "{\"clientToken\":\"g1\"}"));
        limitedTap.routed(message("$aws/things/lamp/shadow/update", "{\"state\":{},\"clientToken\":\"u2\"}"));
        limitedTap.routed(message("$aws/things/lamp/shadow/delete", "{\"clientToken\":\"d1\"}"));
        limitedTap.routed(message("$aws/things/fan/shadow/update", "{\"state\":{},\"clientToken\":\"f1\"}"));
        lane.runAll();

        assertThat(published).as("two per thing, named shadows counted with the thing's").containsExactly(
                "$aws/things/lamp/shadow/update/accepted", "$aws/things/lamp/shadow/update/documents",
                "$aws/things/lamp/shadow/name/n/get/rejected",
                "$aws/things/lamp/shadow/update/rejected", "$aws/things/lamp/shadow/delete/rejected",
                "$aws/things/fan/shadow/update/accepted", "$aws/things/fan/shadow/update/documents");
        assertThat(tree(payloads.get(2)).path("code").intValue()).as("the named shadow does not exist").isEqualTo(404);
        JsonNode throttled = tree(payloads.get(3));
        assertThat(throttled.path("code").intValue()).isEqualTo(429);
        assertThat(throttled.path("message").textValue()).isEqualTo("Too many requests");
        assertThat(throttled.path("clientToken").textValue()).isEqualTo("u2");
        assertThat(tree(payloads.get(4)).path("clientToken").textValue()).isEqualTo("d1");

        f.time.advance(Duration.ofMillis(499));
        assertThat(limited.call(LAMP, ShadowOperation.GET, new byte[0]).isDone()).isFalse();
        lane.runAll();
        assertThat(published).as("half a token after 499 ms: still refused").hasSize(7);

        f.time.advance(Duration.ofMillis(1));
        CompletableFuture<ShadowResult> refilled = limited.call(LAMP, ShadowOperation.UPDATE,
                "{\"state\":{\"reported\":{\"on\":true}}}".getBytes(StandardCharsets.UTF_8));
        lane.runAll();
        assertThat(refilled.join().accepted()).as("one token after 500 ms at 2/s").isTrue();
    }

    @Test
    void overTheThingsRequestRateAnHttpCallIs429AndPublishesNothing() {
        ShadowService limited = new ShadowService(f.engine,
                new ShadowLanes(List.of(lane), ShadowLimits.MAX_IN_FLIGHT_PER_THING, 1 << 20), recorder,
                new KeyedRateLimiter(1, 1));
        CompletableFuture<ShadowResult> first = limited.call(LAMP, ShadowOperation.UPDATE,
                "{\"state\":{},\"clientToken\":\"h1\"}".getBytes(StandardCharsets.UTF_8));
        CompletableFuture<ShadowResult> second = limited.call(LAMP, ShadowOperation.UPDATE,
                "{\"state\":{},\"clientToken\":\"h2\"}".getBytes(StandardCharsets.UTF_8));
        lane.runAll();
        assertThat(first.join().accepted()).isTrue();
        assertThat(second.join().rejection().code()).isEqualTo(429);
        assertThat(second.join().rejection().clientToken()).isEqualTo("h2");
        assertThat(published).containsExactly("$aws/things/lamp/shadow/update/accepted",
                "$aws/things/lamp/shadow/update/documents");
    }

    @Test
    void answersNobodySubscribesToAreNotWrittenButTheUpdateIsApplied() {
        unsubscribed.add("$aws/things/lamp/shadow/update/accepted");
        unsubscribed.add("$aws/things/lamp/shadow/update/documents");
        tap.routed(message("$aws/things/lamp/shadow/update", "{\"state\":{\"desired\":{\"on\":true}}}"));
        lane.runAll();
        assertThat(published).containsExactly("$aws/things/lamp/shadow/update/delta");

        unsubscribed.add("$aws/things/lamp/shadow/update/delta");
        CompletableFuture<ShadowResult> http = service.call(LAMP, ShadowOperation.UPDATE,
                "{\"state\":{\"desired\":{\"on\":false}}}".getBytes(StandardCharsets.UTF_8));
        lane.runAll();
        ShadowResult result = http.join();
        assertThat(tree(result.response()).path("version").intValue()).as("HTTP always gets its body").isEqualTo(2);
        assertThat(result.delta()).isNull();
        assertThat(result.documents()).isNull();
        assertThat(published).as("published nothing more").hasSize(1);

        unsubscribed.clear();
        tap.routed(message("$aws/things/lamp/shadow/get", ""));
        lane.runAll();
        assertThat(tree(payloads.get(1)).path("state").path("desired").path("on").booleanValue())
                .as("both updates were applied").isFalse();
    }

    @Test
    void refusalsAreAnsweredEvenWhenNobodySubscribesToAccepted() {
        unsubscribed.add("$aws/things/lamp/shadow/get/accepted");
        tap.routed(message("$aws/things/lamp/shadow/get", ""));
        lane.runAll();
        assertThat(published).containsExactly("$aws/things/lamp/shadow/get/rejected");
    }
}
