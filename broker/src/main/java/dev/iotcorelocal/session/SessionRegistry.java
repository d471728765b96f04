package dev.iotcorelocal.session;

import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.routing.Subscription;
import dev.iotcorelocal.routing.SubscriptionIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Creates, resumes, hands over and ends sessions. Every change to a client ID's session runs
 * inside the store's atomic compute for that ID, which is what orders a takeover against the
 * old connection's disconnect.
 */
public final class SessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final SessionStore store;
    private final SubscriptionIndex index;
    private final ExpiryScheduler scheduler;
    private final int queueCapacity;
    private final OfflineQueueBudget offlineBudget;
    private volatile SharedRedelivery redelivery = SharedRedelivery.DROP;
    private final SharedRedelivery handOn = (delivery, leaving) -> redelivery.redeliver(delivery, leaving);

    public SessionRegistry(SessionStore store, SubscriptionIndex index, ExpiryScheduler scheduler, int queueCapacity) {
        this(store, index, scheduler, queueCapacity, OfflineQueueBudget.unbounded());
    }

    public SessionRegistry(SessionStore store, SubscriptionIndex index, ExpiryScheduler scheduler, int queueCapacity,
                           OfflineQueueBudget offlineBudget) {
        this.offlineBudget = offlineBudget;
        this.store = store;
        this.index = index;
        this.scheduler = scheduler;
        this.queueCapacity = queueCapacity;
    }

    /**
     * The outcome of a CONNECT: the session to use, whether it existed, and the connection that
     * was taken over (told so before this returns), or null.
     */
    public record Attachment(Session session, boolean sessionPresent, SessionOwner takenOver) {
    }

    /**
     * Binds {@code owner} to the client's session: resumed when {@code cleanStart} is false and a
     * session of the same protocol version exists, otherwise new. A previous owner is told it was
     * taken over; a pending delayed Will of the client is cancelled.
     */
    public Attachment attach(String clientId, MqttVersion version, boolean cleanStart, long expiryInterval,
                             SessionOwner owner) {
        SessionOwner[] previous = new SessionOwner[1];
        boolean[] present = new boolean[1];
        Runnable[] willToSendNow = new Runnable[1];
        Session session = store.compute(clientId, (id, existing) -> {
            if (existing != null) {
                previous[0] = existing.owner();
                boolean resume = !cleanStart && existing.version() == version;
                Runnable will = existing.takePendingWill();
                if (resume) {
                    existing.expiryInterval(expiryInterval);
                    existing.bind(owner);
                    present[0] = true;
                    return existing;
                }
                willToSendNow[0] = will; // the old session ends now, so its delayed Will is due
                discard(existing);
            }
            Session fresh = new Session(id, version, expiryInterval, queueCapacity, handOn, offlineBudget);
            fresh.bind(owner);
            return fresh;
        });
        if (willToSendNow[0] != null) {
            willToSendNow[0].run();
        }
        SessionOwner takenOver = previous[0] != null && previous[0] != owner ? previous[0] : null;
        if (takenOver != null) {
            takenOver.takeOver();
        }
        return new Attachment(session, present[0], takenOver);
    }

    /**
     * The owner's connection ended. The session ends now (expiry 0) or is kept for its expiry
     * interval; a Will is published after {@code willDelaySeconds} or when the session ends,
     * whichever comes first. Does nothing to a session another connection has taken over,
     * except publishing the Will, which belongs to the closed connection: at once when the
     * takeover ended the session or the Will has no delay, never when the session was resumed.
     */
    public void detach(Session session, SessionOwner owner, Runnable will, long willDelaySeconds) {
        boolean[] sendWillNow = {will != null};
        store.compute(session.clientId(), (id, current) -> {
            if (current != session || session.owner() != owner) {
                // Taken over. A new connection resumed the session before the Will Delay passed:
                // the Will is not sent (MQTT 5 3.1.3.2.2). Otherwise the old session has ended.
                if (current == session && willDelaySeconds > 0) {
                    sendWillNow[0] = false;
                }
                return current;
            }
            session.unbind();
            long expiry = session.expiryInterval();
            if (expiry == 0) {
                discard(session);
                return null;
            }
            if (will != null && willDelaySeconds > 0) {
                long delay = Math.min(willDelaySeconds, expiry);
                session.pendingWill(will, scheduler.schedule(Duration.ofSeconds(delay), () -> publishDelayedWill(session)));
                sendWillNow[0] = false;
            }
            session.pendingExpiry(scheduler.schedule(Duration.ofSeconds(expiry), () -> expire(session)));
            return session;
        });
        if (sendWillNow[0]) {
            will.run();
        }
    }

    /**
     * Runs {@code change} of the owner's session (its subscriptions, its expiry) inside the
     * client ID's atomic compute, and only while {@code owner} still owns {@code session}. A
     * takeover is decided inside the same compute, so once it is, nothing the old connection still
     * had in its input reaches the session or the subscription index, whichever event loop runs
     * it. Returns false when the owner was taken over: nothing was changed.
     */
    public boolean changeIfOwner(Session session, SessionOwner owner, Runnable change) {
        boolean[] owned = new boolean[1];
        store.compute(session.clientId(), (id, current) -> {
            if (current == session && session.owner() == owner) {
                change.run();
                owned[0] = true;
            }
            return current;
        });
        return owned[0];
    }

    /**
     * DeleteConnection: disconnects the client's live connection, or with {@code endSession} ends
     * its offline persistent session (publishing a pending delayed Will unless {@code suppressWill}).
     * Returns false when the broker has no session for this client ID.
     */
    public boolean disconnect(String clientId, boolean endSession, boolean suppressWill) {
        Session session = store.get(clientId);
        if (session == null) {
            return false;
        }
        SessionOwner owner = session.owner();
        if (owner != null) {
            owner.disconnectByAdministrator(endSession, suppressWill);
            return true;
        }
        if (endSession) {
            Runnable[] will = new Runnable[1];
            store.compute(clientId, (id, current) -> {
                if (current != session || session.isOnline()) {
                    return current; // reconnected meanwhile: that connection is not the one asked about
                }
                will[0] = session.takePendingWill();
                session.pendingExpiry(null);
                discard(session);
                return null;
            });
            if (will[0] != null && !suppressWill) {
                will[0].run();
            }
        }
        return true;
    }

    /** Who takes a leaving share-group member's messages (the router, once it exists). */
    public void sharedRedelivery(SharedRedelivery redelivery) {
        this.redelivery = redelivery;
    }

    public Session get(String clientId) {
        return store.get(clientId);
    }

    public int size() {
        return store.size();
    }

    private void publishDelayedWill(Session session) {
        Runnable will = session.takePendingWill();
        if (will != null) {
            will.run();
        }
    }

    private void expire(Session session) {
        Runnable[] will = new Runnable[1];
        boolean[] expired = {false};
        store.compute(session.clientId(), (id, current) -> {
            if (current != session || session.isOnline()) {
                return current;
            }
            will[0] = session.takePendingWill();
            discard(session);
            expired[0] = true;
            return null;
        });
        if (expired[0]) { // logged outside compute: no map lock held while writing the line
            LOG.info("Session of client '{}' expired after {} s offline: its subscriptions and {} queued messages are gone",
                    session.clientId(), session.expiryInterval(), session.queuedCount());
        }
        if (will[0] != null) {
            will[0].run();
        }
    }

    private void discard(Session session) {
        for (Subscription s : session.subscriptions()) {
            index.remove(s.clientId(), s.topicFilter());
        }
        session.end(); // after leaving the index, so no share group hands a message back to it
        if (session.droppedCount() > 0) {
            LOG.info("Session of client '{}' ended; {} messages were dropped for it because its queue was full",
                    session.clientId(), session.droppedCount());
        }
    }
}
