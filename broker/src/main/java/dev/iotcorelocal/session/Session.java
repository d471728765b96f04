package dev.iotcorelocal.session;

import dev.iotcorelocal.message.Delivery;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.routing.Subscription;
import org.jctools.queues.MpscChunkedArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of one client ID that outlives a connection: subscriptions, the queue of messages
 * waiting for delivery and the unacknowledged in-flight messages.
 *
 * <p>Threading: publishers on any thread {@link #offer} into a bounded multi-producer queue;
 * only the bound connection, on its own event loop, polls it and touches the in-flight table.
 * A session changes owner only inside {@link SessionRegistry}, which orders the hand-over.
 */
public final class Session {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final String clientId;
    private final MqttVersion version;
    private static final VarHandle QUEUE;
    private static final VarHandle WAKE_SCHEDULED;
    private static final VarHandle QUEUED;
    private static final VarHandle DROPPED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            QUEUE = lookup.findVarHandle(Session.class, "queue", MpscChunkedArrayQueue.class);
            WAKE_SCHEDULED = lookup.findVarHandle(Session.class, "wakeScheduled", boolean.class);
            QUEUED = lookup.findVarHandle(Session.class, "queued", int.class);
            DROPPED = lookup.findVarHandle(Session.class, "dropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Created on the first subscription (an idle connection's session has none). Only the owning
    // connection adds, so creating it needs no lock; volatile publishes it to other readers.
    private volatile Map<String, Subscription> subscriptions;
    private final int queueCapacity;
    // Created on the first message: an idle connection's session holds no queue (it is most of its memory).
    private volatile MpscChunkedArrayQueue<Delivery> queue;
    private volatile boolean wakeScheduled;
    private volatile int queued;
    private volatile long dropped;
    private InflightWindow inflight;
    private volatile long expiryInterval;
    private volatile SessionOwner owner;
    private ExpiryScheduler.Cancellable pendingExpiry;
    private Runnable pendingWill;
    private ExpiryScheduler.Cancellable pendingWillTimer;
    private final SharedRedelivery handOn;
    private final OfflineQueueBudget budget;
    private long offlineBytes; // reserved from the budget while offline; guarded by this

    public Session(String clientId, MqttVersion version, long expiryInterval, int queueCapacity) {
        this(clientId, version, expiryInterval, queueCapacity, SharedRedelivery.DROP, OfflineQueueBudget.unbounded());
    }

    Session(String clientId, MqttVersion version, long expiryInterval, int queueCapacity, SharedRedelivery handOn,
            OfflineQueueBudget budget) {
        this.budget = budget;
        this.clientId = clientId;
        this.version = version;
        this.expiryInterval = expiryInterval;
        this.queueCapacity = queueCapacity;
        this.handOn = handOn;
    }

    public String clientId() {
        return clientId;
    }

    public MqttVersion version() {
        return version;
    }

    public long expiryInterval() {
        return expiryInterval;
    }

    public void expiryInterval(long seconds) {
        this.expiryInterval = seconds;
    }

    public SessionOwner owner() {
        return owner;
    }

    public boolean isOnline() {
        return owner != null;
    }

    /** As {@link #offer(Delivery, Clock)}, without making room from expired messages. */
    public boolean offer(Delivery delivery) {
        return offer(delivery, null);
    }

    /**
     * Queues a delivery and wakes the owner when it is not already draining. Returns false when
     * the queue is full, or the session is offline and offline sessions hold
     * {@code memory.offline-queue-max-bytes}: the message is dropped for this session, counted,
     * and logged once. A full offline queue first gives up expired messages at its head.
     *
     * @param clock the broker's clock, read only when the queue is full; null not to make room
     */
    public boolean offer(Delivery delivery, Clock clock) {
        if (owner == null) {
            return offerOffline(delivery, clock);
        }
        if (!enqueue(delivery, clock)) {
            return dropped();
        }
        wakeOwner();
        return true;
    }

    /**
     * Offline: under this session's monitor, so the budget reservation and the release at
     * {@link #bind} cannot interleave. Offers to offline sessions are not the hot path.
     */
    private synchronized boolean offerOffline(Delivery delivery, Clock clock) {
        if (owner != null) { // a connection resumed the session meanwhile
            if (!enqueue(delivery, clock)) {
                return dropped();
            }
            wakeOwner();
            return true;
        }
        long cost = OfflineQueueBudget.cost(delivery.message().payload().length);
        if (!budget.tryReserve(cost)) {
            return dropped();
        }
        if (!enqueue(delivery, clock)) {
            budget.release(cost);
            return dropped();
        }
        offlineBytes += cost;
        return true;
    }

    private boolean enqueue(Delivery delivery, Clock clock) {
        if (tryEnqueue(delivery)) {
            return true;
        }
        return clock != null && dropExpiredHead(clock.millis()) && tryEnqueue(delivery);
    }

    private boolean tryEnqueue(Delivery delivery) {
        // jctools rounds capacities up to a power of two; the exact bound is kept by 'queued'.
        if ((int) QUEUED.getAndAdd(this, 1) >= queueCapacity || !queue().offer(delivery)) {
            QUEUED.getAndAdd(this, -1);
            return false;
        }
        return true;
    }

    /**
     * Removes the expired messages at the head of a full queue, so they do not cost an
     * acknowledged message its place. Only while offline: then nothing else consumes (a stale
     * drain holds this monitor and finds no owner); an online session's drain discards expired
     * messages itself as it reaches them.
     */
    private boolean dropExpiredHead(long nowMillis) {
        if (owner != null) {
            return false;
        }
        synchronized (this) {
            MpscChunkedArrayQueue<Delivery> q = queue;
            boolean freed = false;
            Delivery head;
            while (owner == null && q != null && (head = q.relaxedPeek()) != null && head.message().isExpired(nowMillis)) {
                q.relaxedPoll();
                QUEUED.getAndAdd(this, -1);
                freed = true;
            }
            return freed;
        }
    }

    private boolean dropped() {
        if ((long) DROPPED.getAndAdd(this, 1L) == 0) {
            LOG.warn("Session queue of client '{}' is full ({} messages, or offline sessions hold "
                    + "memory.offline-queue-max-bytes): dropping new messages for it", clientId, queueCapacity);
        }
        return false;
    }

    private void wakeOwner() {
        SessionOwner current = owner;
        if (current != null && WAKE_SCHEDULED.compareAndSet(this, false, true)) {
            try {
                current.wake();
            } catch (RuntimeException e) {
                wakeScheduled = false; // no wake-up is under way: the next offer tries again
                throw e;
            }
        }
    }

    private MpscChunkedArrayQueue<Delivery> queue() {
        MpscChunkedArrayQueue<Delivery> q = queue;
        if (q == null) {
            q = new MpscChunkedArrayQueue<>(chunkSize(queueCapacity), Math.max(4, queueCapacity));
            if (!QUEUE.compareAndSet(this, null, q)) {
                q = queue;
            }
        }
        return q;
    }

    /**
     * JCTools needs the chunk (initial capacity) below the maximum once both are rounded up to
     * powers of two: at most half the rounded maximum, and at most 64 so a short queue stays small.
     */
    static int chunkSize(int capacity) {
        int roundedMaximum = Integer.highestOneBit(Math.max(4, capacity) - 1) << 1;
        return Math.max(2, Math.min(64, roundedMaximum / 2));
    }

    /**
     * Owner only: the next delivery without removing it, or null. A delivery chosen through a
     * share group this session has left since is handed on to another member instead.
     */
    public Delivery peek() {
        MpscChunkedArrayQueue<Delivery> q = queue;
        if (q == null) {
            return null;
        }
        Delivery next = q.relaxedPeek();
        while (next != null && next.isShared() && subscription(next.shareKey()) == null) {
            q.relaxedPoll();
            QUEUED.getAndAdd(this, -1);
            handOn.redeliver(next, clientId);
            next = q.relaxedPeek();
        }
        return next;
    }

    /**
     * The session ends: its queue is emptied and the deliveries chosen through a share group,
     * in flight or queued, are handed on to other members (MQTT 5 §4.8.2). Takes the monitor the
     * owner's drain holds, since a stale drain may still run.
     */
    void end() {
        List<Delivery> shared = new java.util.ArrayList<>(0);
        synchronized (this) {
            budget.release(offlineBytes);
            offlineBytes = 0;
            if (inflight != null) {
                inflight.sweepInSendOrder((packetId, delivery) -> delivery.isShared() && shared.add(delivery));
            }
            MpscChunkedArrayQueue<Delivery> q = queue;
            Delivery next;
            while (q != null && (next = q.relaxedPoll()) != null) {
                QUEUED.getAndAdd(this, -1);
                if (next.isShared()) {
                    shared.add(next);
                }
            }
        }
        for (Delivery delivery : shared) {
            handOn.redeliver(delivery, clientId);
        }
    }

    /** Owner only. */
    public Delivery poll() {
        MpscChunkedArrayQueue<Delivery> q = queue;
        Delivery delivery = q == null ? null : q.relaxedPoll();
        if (delivery != null) {
            QUEUED.getAndAdd(this, -1);
        }
        return delivery;
    }

    /**
     * Owner only, when a drain found the queue empty: from now on offers wake the owner again.
     * Until then no offer schedules a wake-up, because a drain is already certain (a scheduled
     * one, or the one that follows writability or a PUBACK); waking an owner that cannot write
     * would fill its event loop with tasks that do nothing and keep it from its I/O.
     *
     * @return true when a delivery arrived meanwhile and no wake-up was scheduled for it: the
     *         owner keeps draining
     */
    public boolean drainedEmpty() {
        wakeScheduled = false;
        return peek() != null && WAKE_SCHEDULED.compareAndSet(this, false, true);
    }

    public int queuedCount() {
        return queued;
    }

    public long droppedCount() {
        return dropped;
    }

    /** Owner only: unacknowledged outbound QoS 1 deliveries by packet id, created on the first one. */
    public InflightWindow inflight() {
        if (inflight == null) {
            inflight = new InflightWindow();
        }
        return inflight;
    }

    /** Owner only: how many QoS 1 deliveries await a PUBACK. */
    public int inflightCount() {
        return inflight == null ? 0 : inflight.size();
    }

    public Collection<Subscription> subscriptions() {
        Map<String, Subscription> map = subscriptions;
        return map == null ? List.of() : map.values();
    }

    public void addSubscription(Subscription subscription) {
        Map<String, Subscription> map = subscriptions;
        if (map == null) {
            map = new ConcurrentHashMap<>(2);
            subscriptions = map;
        }
        map.put(subscription.key(), subscription);
    }

    public Subscription subscription(String key) {
        Map<String, Subscription> map = subscriptions;
        return map == null ? null : map.get(key);
    }

    public Subscription removeSubscription(String key) {
        Map<String, Subscription> map = subscriptions;
        return map == null ? null : map.remove(key);
    }

    public int subscriptionCount() {
        Map<String, Subscription> map = subscriptions;
        return map == null ? 0 : map.size();
    }

    synchronized void bind(SessionOwner newOwner) {
        owner = newOwner;
        cancelExpiry();
        budget.release(offlineBytes); // online sessions are bounded by their queue capacity alone
        offlineBytes = 0;
    }

    void unbind() {
        owner = null;
    }

    void pendingExpiry(ExpiryScheduler.Cancellable cancellable) {
        cancelExpiry();
        pendingExpiry = cancellable;
    }

    /** A Will waiting for its delay; guarded by the registry's per-client compute. */
    synchronized void pendingWill(Runnable will, ExpiryScheduler.Cancellable timer) {
        pendingWill = will;
        pendingWillTimer = timer;
    }

    /** Removes and returns the pending Will (cancelling its timer), or null. */
    synchronized Runnable takePendingWill() {
        Runnable will = pendingWill;
        if (pendingWillTimer != null) {
            pendingWillTimer.cancel();
        }
        pendingWill = null;
        pendingWillTimer = null;
        return will;
    }

    private void cancelExpiry() {
        if (pendingExpiry != null) {
            pendingExpiry.cancel();
            pendingExpiry = null;
        }
    }
}
