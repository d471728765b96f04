package dev.iotcorelocal.rules;

import dev.iotcorelocal.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rules threads ({@code rules-0}, ...) and the order they keep: each publisher's messages
 * wait in the publisher's own mailbox and are evaluated one at a time, in the order published,
 * by whichever thread is free. Spreading publishers by hash over threads left a thread with
 * three or four busy publishers and another idle, at random; a free thread now takes the next
 * publisher with work, and gives way after a batch so that one flooding publisher cannot hold
 * a thread from the rest. Submitting never blocks: beyond the capacity (in all, and per
 * publisher, so that one flood cannot take the others' room) the work is dropped, counted and
 * logged once.
 */
final class RuleLanes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleLanes.class);
    private static final int BATCH = 64; // messages of one publisher before its mailbox goes to the back of the line
    private final ThreadPoolExecutor threads;
    private final ConcurrentHashMap<String, ArrayDeque<Runnable>> mailboxes = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final int capacity;
    private final int perPublisher;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /** @param queueCapacity messages waiting per thread: {@code threads * queueCapacity} in all */
    RuleLanes(int threadCount, int queueCapacity) {
        this.capacity = (int) Math.min(Integer.MAX_VALUE, (long) threadCount * queueCapacity);
        this.perPublisher = queueCapacity; // so one flooding publisher cannot take every other publisher's room
        this.threads = DaemonThreads.pool(threadCount, i -> "rules-" + i);
    }

    /** Runs the work after the key's (the publisher's, or the topic's) earlier work; false when full or closed. */
    boolean submit(String key, Runnable work) {
        if (closed) {
            return false;
        }
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            return refused();
        }
        int[] outcome = new int[1];
        mailboxes.compute(key, (k, mailbox) -> {
            ArrayDeque<Runnable> box = mailbox;
            if (box == null) {
                box = new ArrayDeque<>(4);
                outcome[0] = START; // nobody drains it: this submit starts the drain
            } else if (box.size() > perPublisher) { // the head is running, the rest wait
                outcome[0] = FULL;
                return box;
            }
            box.add(work);
            return box;
        });
        if (outcome[0] == FULL) {
            waiting.decrementAndGet();
            return refused();
        }
        return outcome[0] != START || schedule(key);
    }

    private static final int START = 1;
    private static final int FULL = 2;

    private boolean schedule(String key) {
        try {
            threads.execute(() -> drain(key));
            return true;
        } catch (RejectedExecutionException shutDown) {
            ArrayDeque<Runnable> abandoned = mailboxes.remove(key);
            waiting.addAndGet(-(abandoned == null ? 0 : abandoned.size()));
            return false;
        }
    }

    /** One batch of the key's work, in order; the rest goes back in line behind other publishers. */
    private void drain(String key) {
        Runnable next = head(key);
        for (int done = 0; next != null; done++) {
            if (done == BATCH) {
                schedule(key);
                return;
            }
            waiting.decrementAndGet(); // running, no longer waiting
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.error("Evaluating a message of '{}' failed unexpectedly; its next messages are still evaluated",
                        key, e);
            } catch (Error e) {
                ArrayDeque<Runnable> abandoned = mailboxes.remove(key); // not left looking busy with nobody draining it
                waiting.addAndGet(-(abandoned == null ? 0 : abandoned.size() - 1));
                throw e;
            }
            next = removeHeadAndPeek(key);
        }
    }

    private Runnable head(String key) {
        Runnable[] head = new Runnable[1];
        mailboxes.computeIfPresent(key, (k, b) -> {
            head[0] = b.peek();
            return b;
        });
        return head[0];
    }

    /** The finished work leaves the mailbox; the next work, or null with the mailbox removed (idle again). */
    private Runnable removeHeadAndPeek(String key) {
        Runnable[] next = new Runnable[1];
        mailboxes.computeIfPresent(key, (k, box) -> {
            box.poll();
            next[0] = box.peek();
            return next[0] == null ? null : box;
        });
        return next[0];
    }

    private boolean refused() {
        if (dropped.getAndIncrement() == 0) {
            LOG.warn("The rules queue is full (rules.queue-capacity per rules thread): messages are not evaluated "
                    + "until it drains; each is counted as dropped for its rules, and further drops are not logged");
        }
        return false;
    }

    /** Work dropped since start because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        closed = true;
        DaemonThreads.stop(List.of(threads));
    }
}
