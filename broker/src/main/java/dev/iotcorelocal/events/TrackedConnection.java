package dev.iotcorelocal.events;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * The lifecycle of one connection, publishing connected and disconnected exactly once each and
 * in that order, whichever threads report them: the end may be reported by another connection's
 * event loop (a takeover) before this connection's own loop has published connected. Lock-free:
 * whoever completes a step that the other side is waiting for publishes what is then due.
 *
 * <p>States: PENDING (connected not yet out) → OPEN → ENDED; or PENDING → ENDING (ended before
 * connected was out: the connected publisher publishes disconnected right after) → ENDED. A
 * successor (the connection that took this one over) runs its connected publication after this
 * one's disconnected.
 */
final class TrackedConnection implements ConnectionLifecycle {
    private static final int PENDING = 0;
    private static final int OPEN = 1;
    private static final int ENDING = 2;
    private static final int ENDED = 3;
    private static final Object DONE = new Object(); // the successor slot once disconnected is out
    private static final VarHandle STATE;
    private static final VarHandle REASON;
    private static final VarHandle SUCCESSOR;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(TrackedConnection.class, "state", int.class);
            REASON = lookup.findVarHandle(TrackedConnection.class, "reason", DisconnectReason.class);
            SUCCESSOR = lookup.findVarHandle(TrackedConnection.class, "successor", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LifecycleEvents events;
    private final ConnectionFacts facts;
    private final long versionNumber;
    private String ipAddress; // needed by connected only, then dropped
    private volatile long sessionExpirySeconds;
    private volatile int state;
    private volatile DisconnectReason reason;
    private volatile Object successor; // null, a Runnable, or DONE

    TrackedConnection(LifecycleEvents events, ConnectionFacts facts, String ipAddress, long versionNumber,
                      long sessionExpirySeconds) {
        this.events = events;
        this.facts = facts;
        this.ipAddress = ipAddress;
        this.versionNumber = versionNumber;
        this.sessionExpirySeconds = sessionExpirySeconds;
    }

    long versionNumber() {
        return versionNumber;
    }

    @Override
    public void connected(ConnectionLifecycle predecessor) {
        if (predecessor instanceof TrackedConnection previous) {
            previous.afterDisconnected(this::publishConnected);
        } else {
            publishConnected();
        }
    }

    private void publishConnected() {
        events.connected(facts, ipAddress, versionNumber);
        ipAddress = null;
        if (!STATE.compareAndSet(this, PENDING, OPEN)) { // ENDING: the end came meanwhile and left it to us
            state = ENDED;
            publishDisconnected();
        }
    }

    @Override
    public void ended(DisconnectReason why) {
        if (!REASON.compareAndSet(this, null, why)) {
            return; // an earlier cause won
        }
        if (STATE.compareAndSet(this, PENDING, ENDING)) {
            return; // connected is not out yet: its publisher publishes disconnected after it
        }
        state = ENDED;
        publishDisconnected();
    }

    private void publishDisconnected() {
        events.disconnected(facts, reason, versionNumber, sessionExpirySeconds);
        Object next = SUCCESSOR.getAndSet(this, DONE);
        if (next instanceof Runnable task) {
            task.run();
        }
    }

    /** Runs {@code task} once disconnected is published: now if it is, else on the thread that publishes it. */
    private void afterDisconnected(Runnable task) {
        while (true) {
            Object current = successor;
            if (current == DONE) {
                task.run();
                return;
            }
            Object next = current == null ? task : (Runnable) () -> {
                ((Runnable) current).run();
                task.run();
            };
            if (SUCCESSOR.compareAndSet(this, current, next)) {
                return;
            }
        }
    }

    @Override
    public void subscribed(List<String> filters) {
        if (!filters.isEmpty() && reason == null) {
            events.subscriptions(facts, "subscribed", filters);
        }
    }

    @Override
    public void unsubscribed(List<String> filters) {
        if (!filters.isEmpty() && reason == null) {
            events.subscriptions(facts, "unsubscribed", filters);
        }
    }

    @Override
    public void sessionExpiry(long seconds) {
        sessionExpirySeconds = seconds;
    }
}
