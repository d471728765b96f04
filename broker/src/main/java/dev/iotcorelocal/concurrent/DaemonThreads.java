package dev.iotcorelocal.concurrent;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Fixed pools of named daemon threads, and stopping them: what the rules and shadow lanes share. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /**
     * {@code count} daemon threads named {@code names.apply(0)}, ... Its queue is unbounded: the
     * callers queue at most one drain per key with work and bound the work themselves.
     */
    public static ThreadPoolExecutor pool(int count, IntFunction<String> names) {
        AtomicInteger next = new AtomicInteger();
        return new ThreadPoolExecutor(count, count, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, names.apply(next.getAndIncrement()));
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Takes no more work, lets the running work finish for up to 2 s, then interrupts it. */
    public static void stop(List<? extends ExecutorService> executors) {
        executors.forEach(ExecutorService::shutdown);
        for (ExecutorService executor : executors) {
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
