package dev.iotcorelocal.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * Time that moves only when told: a {@link Clock} and an {@link ExpiryScheduler} in one, for
 * deterministic tests of session and message expiry without waiting.
 * <pre>{@code
 * ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
 * Broker broker = Broker.start(config, time.clock(), time);
 * time.advance(Duration.ofSeconds(15));   // runs every expiry due by then, in deadline order
 * }</pre>
 * Due tasks run on the thread that calls {@link #advance}.
 */
public final class ManualTime implements ExpiryScheduler {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final Clock clock = new ManualClock();
    private volatile Instant now;
    private long sequence;

    public ManualTime(Instant start) {
        this.now = start;
    }

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task scheduled;
        synchronized (tasks) {
            scheduled = new Task(now.plus(delay), sequence++, task);
            tasks.add(scheduled);
        }
        return () -> {
            synchronized (tasks) {
                tasks.remove(scheduled);
            }
        };
    }

    /** Moves time forward, running each task whose deadline is reached, at its deadline. */
    public void advance(Duration duration) {
        Instant target = now.plus(duration);
        while (true) {
            Task due;
            synchronized (tasks) {
                due = tasks.peek();
                if (due == null || due.deadline.isAfter(target)) {
                    break;
                }
                tasks.poll();
                if (due.deadline.isAfter(now)) {
                    now = due.deadline;
                }
            }
            due.task.run();
        }
        now = target;
    }

    public int pendingTasks() {
        synchronized (tasks) {
            return tasks.size();
        }
    }

    private record Task(Instant deadline, long sequence, Runnable task) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byDeadline = deadline.compareTo(other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    private final class ManualClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
