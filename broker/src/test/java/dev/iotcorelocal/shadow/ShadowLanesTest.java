package dev.iotcorelocal.shadow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-thing mailboxes, as the broker runs them: on the thread that finds the thing idle. */
class ShadowLanesTest {
    private final ShadowLanes lanes = ShadowLanes.onCaller(10, 1 << 20);

    @org.junit.jupiter.api.AfterEach
    void close() {
        lanes.close();
    }

    @Test
    void anIdleThingsRequestRunsOnTheSubmittingThreadBeforeSubmitReturns() {
        List<String> ran = new ArrayList<>();
        assertThat(lanes.submit("lamp", 10, () -> ran.add(Thread.currentThread().getName()))).isTrue();
        assertThat(ran).containsExactly(Thread.currentThread().getName());
        assertThat(lanes.inFlight("lamp")).isZero();
    }

    @Test
    void aRequestForABusyThingQueuesBehindTheRunningOneAndTheDrainingThreadRunsIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Thread drainer = new Thread(() -> lanes.submit("lamp", 10, () -> {
            order.add("first");
            running.countDown();
            await(release);
        }), "drainer");
        drainer.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(lanes.submit("lamp", 10, () -> order.add("second on " + Thread.currentThread().getName())))
                .isTrue();
        assertThat(order).as("queued, not run by this thread").containsExactly("first");
        assertThat(lanes.inFlight("lamp")).isEqualTo(2);
        List<String> other = new ArrayList<>();
        assertThat(lanes.submit("fan", 10, () -> other.add("fan"))).isTrue();
        assertThat(other).as("another thing is not held up").containsExactly("fan");

        release.countDown();
        drainer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(order).containsExactly("first", "second on drainer");
        assertThat(lanes.inFlight("lamp")).isZero();
    }

    @Test
    void overTheInFlightBoundARequestIsRefusedAndNothingOfItRuns() throws Exception {
        ShadowLanes small = ShadowLanes.onCaller(2, 1 << 20);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread drainer = new Thread(() -> small.submit("lamp", 1, () -> {
            running.countDown();
            await(release);
        }));
        drainer.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());

        assertThat(small.submit("lamp", 1, () -> ran.add("second"))).isTrue();
        assertThat(small.submit("lamp", 1, () -> ran.add("third"))).as("two in flight already").isFalse();

        release.countDown();
        drainer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(ran).containsExactly("second");
        assertThat(small.submit("lamp", 1, () -> ran.add("fourth"))).as("admitted again once answered").isTrue();
        assertThat(ran).containsExactly("second", "fourth");
    }

    @Test
    void theQueuedBytesBoundRefusesAcrossThings() {
        ShadowLanes tiny = new ShadowLanes(List.of(new ShadowServiceTest.ManualLane()), 10, 100);
        assertThat(tiny.submit("a", 60, () -> { })).isTrue();
        assertThat(tiny.submit("b", 60, () -> { })).as("120 bytes would wait").isFalse();
    }

    @Test
    void aFailingRequestIsLoggedAndTheThingsNextRequestsStillRun() {
        ShadowServiceTest.ManualLane lane = new ShadowServiceTest.ManualLane();
        ShadowLanes deferred = new ShadowLanes(List.of(lane), 10, 1 << 20);
        List<String> ran = new ArrayList<>();
        deferred.submit("lamp", 1, () -> {
            throw new IllegalStateException("boom");
        });
        deferred.submit("lamp", 1, () -> ran.add("after"));
        lane.runAll();
        assertThat(ran).containsExactly("after");
        assertThat(deferred.inFlight("lamp")).isZero();
    }

    @Test
    void anErrorLeavesTheThingFreeForItsNextRequest() {
        assertThatThrownBy(() -> lanes.submit("lamp", 1, () -> {
            throw new AssertionError("an Error, not an exception");
        })).isInstanceOf(AssertionError.class);
        CompletableFuture<String> next = new CompletableFuture<>();
        assertThat(lanes.submit("lamp", 1, () -> next.complete("ran"))).isTrue();
        assertThat(next).isCompletedWithValue("ran");
    }

    @Test
    void aDrainRunsAtMostItsBudgetOnTheThreadThatStartedItAndTheOverflowThreadDoesTheRest() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Map<Integer, String> ranOn = new ConcurrentHashMap<>();
        Thread drainer = new Thread(() -> lanes.submit("lamp", 1, () -> {
            ranOn.put(1, Thread.currentThread().getName());
            running.countDown();
            await(release);
        }), "drainer");
        drainer.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        for (int n = 2; n <= ShadowLanes.DRAIN_BUDGET; n++) {
            int request = n;
            assertThat(lanes.submit("lamp", 1, () -> {
                ranOn.put(request, Thread.currentThread().getName());
                if (request == ShadowLanes.DRAIN_BUDGET) { // senders elsewhere keep the thing busy
                    for (int more = request + 1; more <= request + 2; more++) {
                        int late = more;
                        lanes.submit("lamp", 1, () -> ranOn.put(late, Thread.currentThread().getName()));
                    }
                }
            })).isTrue();
        }
        release.countDown();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> ranOn.size() == ShadowLanes.DRAIN_BUDGET + 2);
        for (int n = 1; n <= ShadowLanes.DRAIN_BUDGET; n++) {
            assertThat(ranOn.get(n)).as("request %d", n).isEqualTo("drainer");
        }
        assertThat(ranOn.get(ShadowLanes.DRAIN_BUDGET + 1)).isEqualTo("shadow-overflow");
        assertThat(ranOn.get(ShadowLanes.DRAIN_BUDGET + 2)).isEqualTo("shadow-overflow");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> lanes.inFlight("lamp") == 0);
    }

    @Test
    void requestsQueuedBehindOneThatThrowsAnErrorAreStillRun() {
        ShadowServiceTest.ManualLane lane = new ShadowServiceTest.ManualLane();
        ShadowLanes deferred = new ShadowLanes(List.of(lane), 10, 1 << 20);
        List<String> ran = new ArrayList<>();
        deferred.submit("lamp", 1, () -> {
            throw new AssertionError("an Error");
        });
        deferred.submit("lamp", 1, () -> ran.add("behind it"));

        assertThatThrownBy(lane::runAll).isInstanceOf(AssertionError.class);
        lane.runAll();
        assertThat(ran).containsExactly("behind it");
        assertThat(deferred.inFlight("lamp")).isZero();
    }

    @Test
    void closedLanesRefuse() {
        lanes.close();
        assertThat(lanes.submit("lamp", 1, () -> { })).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
