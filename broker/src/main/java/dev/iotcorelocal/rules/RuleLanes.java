package dev.iotcorelocal.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rules threads ({@code rules-0}, ...), each with its own bounded queue. A publisher's
 * messages always go to the same thread, so they are evaluated in the order they were published.
 * Submitting never blocks: when a queue is full the work is dropped, counted and logged once.
 */
final class RuleLanes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleLanes.class);
    private final ThreadPoolExecutor[] lanes;
    private final AtomicLong dropped = new AtomicLong();

    RuleLanes(int threads, int queueCapacity) {
        lanes = new ThreadPoolExecutor[threads];
        for (int i = 0; i < threads; i++) {
            String name = "rules-" + i;
            lanes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity), r -> {
                Thread thread = new Thread(r, name);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** The lane for a publisher (its client ID, or the topic when it has none). */
    Executor lane(String key) {
        int hash = key.hashCode();
        hash ^= hash >>> 16;
        return lanes[(hash & Integer.MAX_VALUE) % lanes.length];
    }

    /** Runs the work on the key's lane; false when its queue is full (or the lanes are closed): nothing runs. */
    boolean submit(String key, Runnable work) {
        return submit(lane(key), work);
    }

    boolean submit(Executor lane, Runnable work) {
        try {
            lane.execute(work);
            return true;
        } catch (RejectedExecutionException full) {
            if (dropped.getAndIncrement() == 0) {
                LOG.warn("A rules queue is full (rules.queue-capacity): messages are not evaluated until it drains; "
                        + "each is counted as dropped for its rules, and further drops are not logged");
            }
            return false;
        }
    }

    /** Work dropped since start because a queue was full. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        for (ThreadPoolExecutor lane : lanes) {
            lane.shutdown();
        }
        for (ThreadPoolExecutor lane : lanes) {
            try {
                if (!lane.awaitTermination(2, TimeUnit.SECONDS)) {
                    lane.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lane.shutdownNow();
            }
        }
    }
}
