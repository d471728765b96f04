package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.ClientGrant;
import dev.iotcorelocal.codec.PublishEncoder;
import dev.iotcorelocal.routing.TopicFilter;
import dev.iotcorelocal.config.MqttConfig;
import dev.iotcorelocal.message.Delivery;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.session.Session;
import dev.iotcorelocal.session.SessionOwner;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Messages to the client: drains the session queue while the socket is writable and the
 * in-flight window (the client's Receive Maximum, capped by AWS's 100) has room; skips expired
 * messages and ones over the client's Maximum Packet Size; one flush per drain.
 *
 * <p>A drain writes at most {@value #DRAIN_BUDGET} messages, then yields: its continuation is a
 * scheduled task, which Netty runs only after the loop's next round of I/O. Without the budget a
 * subscriber that reads as fast as it is fed keeps its loop in one drain indefinitely (each flush
 * reports writability, which drains again), and every other connection on that loop, new ones
 * included, waits (measured under flood: CONNACK and PINGRESP delayed by up to 700 ms).
 *
 * <p>Draining holds the session's monitor and first checks that this connection still owns the
 * session: at a takeover the old connection's loop may still be draining while the new one
 * resumes, and the queue and in-flight table have one consumer at a time. The lock is taken
 * once per drain, not per message, and is uncontended except at a takeover.
 *
 * <p>iot:Receive is checked here, as each message is about to be sent: one place covers live
 * routing, retained messages on SUBSCRIBE, a resumed session's queued and in-flight messages and
 * Wills, and the decision is the policy in force when the client gets the message (AWS: "confirmed
 * every time a message is delivered"). A denied message is skipped silently.
 */
final class OutboundFlow {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundFlow.class);
    static final int DRAIN_BUDGET = 1024;

    private final Channel channel;
    private final Session session;
    private final MqttVersion version;
    private final long clientMaxPacketSize;
    private final int window;
    private final Clock clock;
    private final SessionOwner owner;
    private final ReplayPacer pacer;
    private final ClientGrant grant;
    private boolean slotsFreed; // PUBACKs in the current read batch freed in-flight slots
    private boolean draining; // a flush inside a drain reports writability: the running drain decides what follows
    private PendingResends resends; // a resumed session's in-flight messages not re-sent yet; null after

    OutboundFlow(Channel channel, Session session, SessionOwner owner, MqttVersion version, Connect connect,
                 MqttConfig mqtt, Clock clock, ReplayPacer pacer, ClientGrant grant) {
        this.channel = channel;
        this.grant = grant;
        this.session = session;
        this.owner = owner;
        this.pacer = pacer;
        this.version = version;
        this.clientMaxPacketSize = connect.maximumPacketSize();
        this.window = Math.min(connect.receiveMaximum(), mqtt.outboundInflightMaximum());
        this.clock = clock;
    }

    /**
     * Re-sends the resumed session's unacknowledged messages, with DUP set and their packet ids,
     * in their send order and no more at once than the new connection's Receive Maximum: the rest
     * follow as PUBACKs free the window, before any queued message.
     */
    void resumeInflight() {
        synchronized (session) {
            if (session.inflightCount() == 0 || session.owner() != owner) {
                return;
            }
            long now = clock.millis();
            int[] ids = new int[session.inflightCount()];
            Delivery[] deliveries = new Delivery[ids.length];
            int[] count = {0};
            session.inflight().sweepInSendOrder((packetId, delivery) -> {
                if (delivery.message().isExpired(now)) {
                    return true;
                }
                ids[count[0]] = packetId;
                deliveries[count[0]++] = delivery;
                return false;
            });
            resends = new PendingResends(ids, deliveries, count[0]);
            resendWithinWindow(now);
            channel.flush();
        }
    }

    /** Re-sends while the window and the socket have room; true when none is left to re-send. */
    private boolean resendWithinWindow(long now) {
        PendingResends pending = resends;
        while (session.inflightCount() - pending.remaining() < window && channel.isWritable()) {
            int index = pending.next();
            if (index < 0) {
                break;
            }
            // Over the resumed client's Maximum Packet Size, which may be smaller than that of the
            // connection that first got it, or no longer receivable: dropped.
            Delivery delivery = pending.delivery(index);
            if (!mayReceive(delivery) || !write(delivery, pending.id(index), true, now)) {
                session.inflight().remove(pending.id(index));
            }
        }
        if (pending.remaining() == 0) {
            resends = null;
            return true;
        }
        return false;
    }

    void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            synchronized (session) {
                if (session.owner() == owner) {
                    drainOwned();
                }
            }
        } finally {
            draining = false;
        }
    }

    private void drainOwned() {
        long now = clock.millis();
        if (resends != null && !resendWithinWindow(now)) {
            channel.flush();
            return; // the next PUBACK or writability drains again; queued messages wait their turn
        }
        boolean wrote = false;
        boolean paced = false;
        int budget = DRAIN_BUDGET;
        while (channel.isWritable() && budget-- > 0) {
            Delivery next = session.peek();
            if (next == null || !canSend(next)) {
                break;
            }
            if (pacer != null && !pacer.tryAcquire(now)) {
                channel.eventLoop().schedule(this::drain, pacer.millisUntilNextWindow(now), TimeUnit.MILLISECONDS);
                paced = true;
                break;
            }
            session.poll();
            Message message = next.message();
            if (message.isExpired(now) || !mayReceive(next)) {
                continue;
            }
            int packetId = next.qos() > 0 ? session.inflight().nextPacketId() : 0;
            if (!write(next, packetId, false, now)) {
                continue;
            }
            if (packetId != 0) {
                session.inflight().put(packetId, next);
            }
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
        // Unwritable now: the writability event drains next. Window full: a PUBACK does. Otherwise
        // (budget spent, queue empty, or the flush freed the socket meanwhile) decide here, once.
        if (!paced && channel.isWritable() && workLeft()) {
            channel.eventLoop().schedule(this::drain, 0, TimeUnit.NANOSECONDS);
        }
    }

    /** iot:Receive on the message's topic; a shared delivery may also be allowed on topic/$share/<group>/<topic>. */
    private boolean mayReceive(Delivery delivery) {
        String shareKey = delivery.shareKey();
        String group = shareKey == null ? null
                : shareKey.substring(TopicFilter.SHARE_PREFIX.length(), shareKey.indexOf('/', TopicFilter.SHARE_PREFIX.length()));
        if (grant.canReceive(delivery.message().topic(), group)) {
            return true;
        }
        LOG.debug("Not delivering a message on '{}' to '{}': iot:Receive is not allowed", delivery.message().topic(),
                session.clientId());
        return false;
    }

    private boolean canSend(Delivery next) {
        return next.qos() == 0 || session.inflightCount() < window;
    }

    /** Whether a writable connection has more to send now; an empty queue is reported to the session. */
    private boolean workLeft() {
        Delivery next = session.peek();
        if (next == null) {
            return session.drainedEmpty(); // from now on offers wake us, unless one just arrived
        }
        return canSend(next);
    }

    /**
     * Frees the message's in-flight slot. The refill waits for the end of the read batch
     * ({@link #readBatchComplete}): a client acknowledges in bursts, and refilling per PUBACK
     * would cost one flush, one system call, per message.
     */
    void onPuback(int packetId) {
        synchronized (session) {
            if (session.owner() == owner && session.inflightCount() > 0 && session.inflight().remove(packetId) != null) {
                slotsFreed = true;
                if (resends != null) {
                    resends.acknowledged(packetId); // acknowledged before its turn to be re-sent
                }
            }
        }
    }

    void readBatchComplete() {
        if (slotsFreed) {
            slotsFreed = false;
            drain();
        }
    }

    /**
     * Writes one delivery, encoded straight from the shared message (no Publish object per
     * subscriber); false, and nothing written, when it exceeds the client's Maximum Packet Size.
     */
    private boolean write(Delivery delivery, int packetId, boolean dup, long now) {
        Message message = delivery.message();
        PublishProperties properties = version.isV5()
                ? message.properties().forDelivery(message.remainingExpirySeconds(now), 0, List.of())
                : PublishProperties.EMPTY;
        ByteBuf bytes = PublishEncoder.encode(channel.alloc(), message.topic(), delivery.qos(), delivery.retain(), dup,
                packetId, properties, message.payload(), version, clientMaxPacketSize);
        if (bytes == null) {
            LOG.debug("Not sending a message on '{}' to '{}': larger than its maximum packet size {}",
                    message.topic(), session.clientId(), clientMaxPacketSize);
            return false;
        }
        channel.write(bytes, channel.voidPromise());
        ActivityLog.delivering(session.clientId(), message.topic(), delivery.qos(), packetId);
        return true;
    }
}
