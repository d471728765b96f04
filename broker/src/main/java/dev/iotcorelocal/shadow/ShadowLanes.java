package dev.iotcorelocal.shadow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serial execution per thing: a thing always maps to the same single-threaded lane, so its
 * requests run one at a time in the order they were submitted, from whichever event loop or
 * HTTP worker. Admission is bounded twice: unanswered requests per thing (AWS's in-flight quota)
 * and payload bytes waiting across all lanes, so a flood is refused (429), never buffered without
 * limit. Submitting never blocks.
 */
final class ShadowLanes implements AutoCloseable {
    private final Executor[] lanes;
    private final List<ExecutorService> owned;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final int maxInFlightPerThing;
    private final long maxQueuedBytes;

    ShadowLanes(List<? extends Executor> lanes, int maxInFlightPerThing, long maxQueuedBytes) {
        this(lanes, List.of(), maxInFlightPerThing, maxQueuedBytes);
    }

    private ShadowLanes(List<? extends Executor> lanes, List<ExecutorService> owned, int maxInFlightPerThing,
                        long maxQueuedBytes) {
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("at least one lane");
        }
        this.lanes = lanes.toArray(new Executor[0]);
        this.owned = owned;
        this.maxInFlightPerThing = maxInFlightPerThing;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** {@code count} daemon threads named shadow-0.., owned and stopped by {@link #close()}. */
    static ShadowLanes threads(int count, int maxInFlightPerThing, long maxQueuedBytes) {
        List<ExecutorService> executors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "shadow-" + i;
            executors.add(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread thread = new Thread(r, name);
                thread.setDaemon(true);
                return thread;
            }));
        }
        return new ShadowLanes(executors, executors, maxInFlightPerThing, maxQueuedBytes);
    }

    /** Runs the task on the thing's lane; false (and nothing runs) when a bound is reached or the lanes are closed. */
    boolean submit(String thingName, int payloadBytes, Runnable task) {
        if (queuedBytes.addAndGet(payloadBytes) > maxQueuedBytes) {
            queuedBytes.addAndGet(-payloadBytes);
            return false;
        }
        boolean[] admitted = new boolean[1];
        inFlight.compute(thingName, (thing, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxInFlightPerThing) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            queuedBytes.addAndGet(-payloadBytes);
            return false;
        }
        try {
            lane(thingName).execute(() -> {
                try {
                    task.run();
                } finally {
                    finished(thingName, payloadBytes);
                }
            });
            return true;
        } catch (RejectedExecutionException closed) {
            finished(thingName, payloadBytes);
            return false;
        }
    }

    private void finished(String thingName, int payloadBytes) {
        queuedBytes.addAndGet(-payloadBytes);
        inFlight.computeIfPresent(thingName, (thing, count) -> count <= 1 ? null : count - 1);
    }

    /** Requests admitted and not yet finished for the thing (tests, metrics). */
    int inFlight(String thingName) {
        return inFlight.getOrDefault(thingName, 0);
    }

    private Executor lane(String thingName) {
        int hash = thingName.hashCode();
        hash ^= hash >>> 16;
        return lanes[(hash & Integer.MAX_VALUE) % lanes.length];
    }

    @Override
    public void close() {
        for (ExecutorService executor : owned) {
            executor.shutdown();
        }
        for (ExecutorService executor : owned) {
            try {
                if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                executor.shutdownNow();
            }
        }
    }
}
