package dev.iotcorelocal.shadow;

import dev.iotcorelocal.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serial execution per thing: each thing's admitted requests wait in its own mailbox and run one
 * at a time, in the order they were submitted, from whichever event loop, HTTP worker or rules
 * thread. Whoever finds a thing's mailbox idle starts it draining on the thing's lane; with the
 * {@linkplain #onCaller caller's lane} (the broker's) that is the submitting thread itself, so an
 * MQTT request is answered by the event loop that read it, with no thread to wake either way
 * (each wake-up on a busy machine is a tail-latency lottery ticket), while requests for a thing
 * that is busy queue behind the drain already running. A drain is CPU work, never a wait, and
 * runs at most {@link #DRAIN_BUDGET} requests on the thread that started it: a thing kept busy by
 * senders on other threads is then drained on the overflow thread, so no event loop is held by
 * another loop's devices. Admission is bounded twice: unanswered requests per thing (AWS's in-flight quota)
 * and payload bytes waiting across all things, so a flood is refused (429), never buffered
 * without limit. Submitting never blocks.
 */
final class ShadowLanes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowLanes.class);
    /** Requests one drain runs before it hands the thing to the overflow executor. */
    static final int DRAIN_BUDGET = 10;
    private final Executor[] lanes;
    private final Executor overflow; // null: the thing's own lane
    private final List<ExecutorService> owned;
    private final ConcurrentHashMap<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final int maxInFlightPerThing;
    private final long maxQueuedBytes;
    private volatile boolean closed;

    /** A thing's requests admitted and not yet finished; changed only under the map's lock on the thing. */
    private static final class Mailbox {
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>(2);
        volatile int inFlight; // waiting plus the one running
    }

    /** Drains start and continue on the thing's lane. */
    ShadowLanes(List<? extends Executor> lanes, int maxInFlightPerThing, long maxQueuedBytes) {
        this(lanes, null, List.of(), maxInFlightPerThing, maxQueuedBytes);
    }

    private ShadowLanes(List<? extends Executor> lanes, Executor overflow, List<ExecutorService> owned,
                        int maxInFlightPerThing, long maxQueuedBytes) {
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("at least one lane");
        }
        this.lanes = lanes.toArray(new Executor[0]);
        this.overflow = overflow;
        this.owned = owned;
        this.maxInFlightPerThing = maxInFlightPerThing;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** Drains run on the thread that found the thing idle: the broker's choice, see the class comment. */
    static ShadowLanes onCaller(int maxInFlightPerThing, long maxQueuedBytes) {
        ExecutorService overflow = thread("shadow-overflow");
        return new ShadowLanes(List.of(Runnable::run), overflow, List.of(overflow), maxInFlightPerThing,
                maxQueuedBytes);
    }

    /** {@code count} daemon threads named shadow-0.., owned and stopped by {@link #close()}. */
    static ShadowLanes threads(int count, int maxInFlightPerThing, long maxQueuedBytes) {
        List<ExecutorService> executors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            executors.add(thread("shadow-" + i));
        }
        return new ShadowLanes(executors, null, executors, maxInFlightPerThing, maxQueuedBytes);
    }

    /** One daemon thread; its queue holds at most one drain per thing, so it needs no bound of its own. */
    private static ExecutorService thread(String name) {
        return DaemonThreads.pool(1, i -> name);
    }

    /** Runs the task after the thing's earlier ones; false (and nothing runs) when a bound is reached or closed. */
    boolean submit(String thingName, int payloadBytes, Runnable task) {
        if (closed) {
            return false;
        }
        if (queuedBytes.addAndGet(payloadBytes) > maxQueuedBytes) {
            queuedBytes.addAndGet(-payloadBytes);
            return false;
        }
        Runnable counted = () -> {
            try {
                task.run();
            } finally {
                queuedBytes.addAndGet(-payloadBytes);
            }
        };
        int[] outcome = {REFUSED};
        mailboxes.compute(thingName, (thing, mailbox) -> {
            Mailbox box = mailbox == null ? new Mailbox() : mailbox;
            if (box.inFlight >= maxInFlightPerThing) {
                return mailbox;
            }
            box.waiting.add(counted);
            box.inFlight++;
            outcome[0] = box.inFlight == 1 ? START : QUEUED; // idle until now: nobody is draining it
            return box;
        });
        if (outcome[0] == REFUSED) {
            queuedBytes.addAndGet(-payloadBytes);
            return false;
        }
        if (outcome[0] == START) {
            try {
                lane(thingName).execute(() -> drain(thingName));
            } catch (RejectedExecutionException shutDown) {
                abandon(thingName);
                return false;
            }
        }
        return true;
    }

    private static final int REFUSED = 0;
    private static final int QUEUED = 1;
    private static final int START = 2;

    /** Runs the thing's requests, one at a time, until its mailbox is empty or the budget is spent. */
    private void drain(String thingName) {
        Runnable next = first(thingName);
        for (int ran = 0; next != null; ran++) {
            if (ran == DRAIN_BUDGET) {
                continueElsewhere(thingName);
                return;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.error("A shadow request of thing '{}' failed unexpectedly; the thing's next requests still run",
                        thingName, e);
            } catch (Error e) {
                if (finishedAndNext(thingName) != null) {
                    continueElsewhere(thingName); // the requests queued behind it are still answered
                }
                throw e;
            }
            next = finishedAndNext(thingName);
        }
    }

    /** The thing's drain goes on on the overflow executor (or its own lane), behind other things' drains. */
    private void continueElsewhere(String thingName) {
        Executor next = overflow == null ? lane(thingName) : overflow;
        try {
            next.execute(() -> drain(thingName));
        } catch (RejectedExecutionException shutDown) {
            abandon(thingName);
        }
    }

    /** The request the drain's starter queued (still at the head: it leaves when it has run). */
    private Runnable first(String thingName) {
        Runnable[] first = new Runnable[1];
        mailboxes.computeIfPresent(thingName, (thing, box) -> {
            first[0] = box.waiting.peek();
            return box;
        });
        return first[0];
    }

    /** The request that ran leaves the mailbox; the next one, or null with the mailbox removed. */
    private Runnable finishedAndNext(String thingName) {
        Runnable[] next = new Runnable[1];
        mailboxes.computeIfPresent(thingName, (thing, box) -> {
            box.waiting.poll();
            box.inFlight--;
            next[0] = box.waiting.peek();
            return next[0] == null ? null : box;
        });
        return next[0];
    }

    /** The lanes were closed under a drain's start: the mailbox's requests are not run. */
    private void abandon(String thingName) {
        Mailbox box = mailboxes.remove(thingName);
        if (box != null) {
            LOG.debug("Shadow lanes closed: {} request(s) of thing '{}' not run", box.inFlight, thingName);
        }
    }

    /** Requests admitted and not yet finished for the thing (tests, metrics). */
    int inFlight(String thingName) {
        Mailbox box = mailboxes.get(thingName);
        return box == null ? 0 : box.inFlight;
    }

    private Executor lane(String thingName) {
        int hash = thingName.hashCode();
        hash ^= hash >>> 16;
        return lanes[(hash & Integer.MAX_VALUE) % lanes.length];
    }

    @Override
    public void close() {
        closed = true;
        DaemonThreads.stop(owned);
    }
}
