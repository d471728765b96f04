package dev.iotcorelocal.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Publishers' mailboxes over the rules threads: each publisher in order, none starving the others. */
class RuleLanesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void eachPublishersWorkRunsInSubmitOrderWhicheverThreadRunsIt() throws Exception {
        try (RuleLanes lanes = new RuleLanes(2, 10_000)) {
            Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
            List<Thread> submitters = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                String publisher = "pub-" + p;
                seen.put(publisher, Collections.synchronizedList(new ArrayList<>()));
                Thread submitter = new Thread(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        int n = i;
                        assertThat(lanes.submit(publisher, () -> seen.get(publisher).add(n))).isTrue();
                    }
                });
                submitter.start();
                submitters.add(submitter);
            }
            for (Thread submitter : submitters) {
                submitter.join(TimeUnit.SECONDS.toMillis(10));
            }
            await().atMost(WAIT).until(() -> seen.values().stream().allMatch(list -> list.size() == 2_000));
            for (List<Integer> list : seen.values()) {
                assertThat(list).isSorted();
            }
        }
    }

    @Test
    void aFloodingPublisherGivesWayToAnotherAfterABatch() throws Exception {
        try (RuleLanes lanes = new RuleLanes(1, 10_000)) {
            CountDownLatch release = holdAThread(lanes, "gate");
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 500; i++) {
                lanes.submit("flood", () -> order.add("flood"));
            }
            lanes.submit("quiet", () -> order.add("quiet"));
            release.countDown();

            await().atMost(WAIT).until(() -> order.size() == 501);
            assertThat(order.indexOf("quiet")).as("after one batch of the flood, not after all of it").isEqualTo(64);
        }
    }

    @Test
    void beyondTheCapacityWorkIsDroppedAndCountedNotQueued() throws Exception {
        try (RuleLanes lanes = new RuleLanes(1, 2)) {
            CountDownLatch release = holdAThread(lanes, "a");
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            assertThat(lanes.submit("a", () -> ran.add("a2"))).isTrue();
            assertThat(lanes.submit("b", () -> ran.add("b1"))).isTrue();
            assertThat(lanes.submit("b", () -> ran.add("b2"))).as("two waiting already").isFalse();
            assertThat(lanes.dropped()).isEqualTo(1);

            release.countDown();
            await().atMost(WAIT).until(() -> ran.size() == 2);
            assertThat(ran).containsExactlyInAnyOrder("a2", "b1");
            assertThat(lanes.submit("b", () -> ran.add("b3"))).as("room again once evaluated").isTrue();
            await().atMost(WAIT).until(() -> ran.contains("b3"));
        }
    }

    @Test
    void oneFloodingPublisherCannotTakeTheOthersRoom() throws Exception {
        try (RuleLanes lanes = new RuleLanes(2, 2)) { // 4 waiting in all, 2 per publisher
            CountDownLatch release = holdAThread(lanes, "flood");
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            assertThat(lanes.submit("flood", () -> ran.add("flood-2"))).isTrue();
            assertThat(lanes.submit("flood", () -> ran.add("flood-3"))).isTrue();
            assertThat(lanes.submit("flood", () -> ran.add("flood-4"))).as("its own two are waiting").isFalse();
            assertThat(lanes.submit("quiet", () -> ran.add("quiet-1"))).as("room left for others").isTrue();

            release.countDown();
            await().atMost(WAIT).until(() -> ran.size() == 3);
            assertThat(ran).containsExactlyInAnyOrder("flood-2", "flood-3", "quiet-1");
            assertThat(lanes.dropped()).isEqualTo(1);
        }
    }

    @Test
    void aFailingEvaluationDoesNotStopThePublishersNextOnes() {
        try (RuleLanes lanes = new RuleLanes(1, 100)) {
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            lanes.submit("a", () -> {
                throw new IllegalStateException("boom");
            });
            lanes.submit("a", () -> ran.add("next"));
            await().atMost(WAIT).until(() -> ran.contains("next"));
        }
    }

    @Test
    void closedLanesRefuse() {
        RuleLanes lanes = new RuleLanes(1, 100);
        lanes.close();
        assertThat(lanes.submit("a", () -> { })).isFalse();
    }

    /** Work of {@code key} that holds a rules thread until the returned latch is counted down; returns once it runs. */
    private static CountDownLatch holdAThread(RuleLanes lanes, String key) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        lanes.submit(key, () -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).as("the held work runs").isTrue();
        return release;
    }
}
