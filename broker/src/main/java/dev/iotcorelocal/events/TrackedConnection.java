package dev.iotcorelocal.events;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.UUID;

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
 *
 * <p>Every connection holds one, idle ones included (docs/benchmarks.md counts bytes per idle
 * connection): the facts are kept as fields, the session identifier as two longs.
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
    private final String clientId;
    private final String thingName;
    private final String principalIdentifier;
    private final long sessionMost;
    private final long sessionLeast;
    // Set by the connected publisher before it leaves PENDING; every later reader follows that CAS.
    private long versionNumber;
    private long sessionExpirySeconds; // written by the winning end before the state changes
    private volatile int state;
    private volatile DisconnectReason reason;
    private volatile Object successor; // null, a Runnable, or DONE

    TrackedConnection(LifecycleEvents events, ConnectionFacts facts) {
        this.events = events;
        this.clientId = facts.clientId();
        this.thingName = facts.thingName();
        this.principalIdentifier = facts.principalIdentifier();
        this.sessionMost = facts.sessionIdentifier().getMostSignificantBits();
        this.sessionLeast = facts.sessionIdentifier().getLeastSignificantBits();
    }

    ConnectionFacts facts() {
        return new ConnectionFacts(clientId, thingName, principalIdentifier, new UUID(sessionMost, sessionLeast));
    }

    String clientId() {
        return clientId;
    }

    @Override
    public void connected(ConnectionLifecycle predecessor, String ipAddress) {
        if (predecessor instanceof TrackedConnection previous) {
            previous.afterDisconnected(() -> publishConnected(previous.versionNumber, ipAddress));
        } else {
            publishConnected(-1, ipAddress);
        }
    }

    /** @param takenOver the version number of the connection taken over, or -1 */
    private void publishConnected(long takenOver, String ipAddress) {
        versionNumber = events.connected(this, ipAddress, takenOver);
        if (!STATE.compareAndSet(this, PENDING, OPEN)) { // ENDING: the end came meanwhile and left it to us
            state = ENDED;
            publishDisconnected();
        }
    }

    @Override
    public void ended(DisconnectReason why, long sessionExpiry) {
        if (!REASON.compareAndSet(this, null, why)) {
            return; // an earlier cause won
        }
        sessionExpirySeconds = sessionExpiry; // by the winner only; published to the other side by the CAS below
        if (STATE.compareAndSet(this, PENDING, ENDING)) {
            return; // connected is not out yet: its publisher publishes disconnected after it
        }
        state = ENDED;
        publishDisconnected();
    }

    private void publishDisconnected() {
        events.disconnected(this, reason, versionNumber, sessionExpirySeconds);
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
            events.subscriptions(this, "subscribed", filters);
        }
    }

    @Override
    public void unsubscribed(List<String> filters) {
        if (!filters.isEmpty() && reason == null) {
            events.subscriptions(this, "unsubscribed", filters);
        }
    }
}
