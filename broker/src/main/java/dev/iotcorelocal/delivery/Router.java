package dev.iotcorelocal.delivery;

import dev.iotcorelocal.message.Delivery;
import dev.iotcorelocal.limits.LimitChecks;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.routing.Matches;
import dev.iotcorelocal.routing.MemberPresence;
import dev.iotcorelocal.routing.RetainedStore;
import dev.iotcorelocal.routing.Subscription;
import dev.iotcorelocal.routing.SubscriptionIndex;
import dev.iotcorelocal.session.Session;
import dev.iotcorelocal.session.SessionRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands a published message to every matching session's queue. Synchronous and non-blocking:
 * when it returns the message is routed, which is when a QoS 1 publisher gets its PUBACK.
 *
 * <p>Hot path: the index's node arrays are iterated in place; de-duplication runs only when
 * several nodes matched (a client may then match twice), pairwise when few subscriptions matched
 * and with a map when many did; the per-subscriber deliveries are
 * shared per QoS and RETAIN flag, so fan-out allocates a few objects per message, not per subscriber.
 */
public final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final int PAIRWISE_LIMIT = 16; // matched subscriptions de-duplicated without a map
    private final SubscriptionIndex index;
    private final SessionRegistry sessions;
    private final RetainedStore<Message> retained;
    private final Clock clock; // read only when a queue is full, to make room from expired messages
    private final ThreadLocal<Matches> scratch = ThreadLocal.withInitial(Matches::new);
    private final AtomicLong failures = new AtomicLong();
    private final MemberPresence presence = this::presenceOf; // one instance: matching allocates no lambda
    private volatile MessageTap tap = MessageTap.NONE;

    /** iot:Receive is checked as each message is sent (OutboundFlow), not here. */
    public Router(SubscriptionIndex index, SessionRegistry sessions, RetainedStore<Message> retained, Clock clock) {
        this.clock = clock;
        this.index = index;
        this.sessions = sessions;
        this.retained = retained;
    }

    /** The services' tap (shadows and rules, see CompositeTap): set once while the broker starts. */
    public void tap(MessageTap tap) {
        this.tap = tap;
    }

    /** Whether anyone subscribes to the topic (see {@link SubscriptionIndex#hasSubscriber}); reads the index only. */
    public boolean hasSubscriber(String topic) {
        return index.hasSubscriber(topic);
    }

    /** {@link #route}'s answer when the retained store refused the message at its bounds: nothing was routed. */
    public static final int RETAIN_REFUSED = -1;

    /**
     * Routes the message, then hands it to the tap; returns the number of sessions it was queued
     * for, or {@link #RETAIN_REFUSED} when it is a RETAIN publish the retained store refused (its
     * bounds are reached; AWS answers a throttled response), in which case neither a subscriber nor
     * the tap gets it. The store alone decides, in one step, so a PUBLISH is never acknowledged for
     * a retained message that was not stored. A Basic Ingest message ({@code $aws/rules/<rule>/...})
     * goes to the tap only (0), whoever publishes it: MQTT, HTTP Publish, a will, a republish.
     */
    public int route(Message message) {
        if (LimitChecks.isBasicIngest(message.topic())) {
            tap.routed(message); // Basic Ingest: the rules engine only, never a subscriber or the retained store (AWS)
            return 0;
        }
        int delivered = routeToSubscribers(message);
        if (delivered != RETAIN_REFUSED) {
            tap.routed(message);
        }
        return delivered;
    }

    private int routeToSubscribers(Message message) {
        if (message.retain()) {
            if (message.payload().length == 0) {
                retained.remove(message.topic());
            } else if (!retained.put(message.topic(), message)) {
                return RETAIN_REFUSED;
            }
        }
        Matches matches = scratch.get();
        if (!matches.acquire()) {
            matches = new Matches(); // re-entrant route on this thread: its own scratch
            matches.acquire();
        }
        try {
            index.match(message.topic(), matches, presence, message.qos());
            Delivery[] deliveries = new Delivery[4];
            if (matches.sources() <= 1) {
                return deliverAll(message, matches, deliveries);
            }
            return deliverStrongestPerClient(message, matches, deliveries);
        } finally {
            matches.release();
        }
    }

    private int deliverAll(Message message, Matches matches, Delivery[] deliveries) {
        int delivered = 0;
        for (int g = 0; g < matches.groupCount(); g++) {
            for (Subscription s : matches.group(g)) {
                delivered += deliver(message, s, deliveries);
            }
        }
        for (int i = 0; i < matches.chosenCount(); i++) {
            delivered += deliver(message, matches.chosen(i), deliveries);
        }
        return delivered;
    }

    /** One delivery per client when several of its subscriptions match, at the highest QoS (spec 3.3.4). */
    private int deliverStrongestPerClient(Message message, Matches matches, Delivery[] deliveries) {
        Subscription[] all = matches.flatten();
        int n = matches.flatCount();
        if (n > PAIRWISE_LIMIT) {
            return deliverStrongestPerClientHashed(message, all, n, deliveries);
        }
        // A few subscriptions (a device's own filter and an application's wildcard, say): compared
        // pairwise, which allocates nothing, where a map would cost a table and a node per entry.
        int delivered = 0;
        next:
        for (int i = 0; i < n; i++) {
            String clientId = all[i].clientId();
            for (int j = 0; j < i; j++) {
                if (sameClient(all[j], clientId)) {
                    continue next; // delivered with this client's first subscription
                }
            }
            Subscription strongest = all[i];
            for (int j = i + 1; j < n; j++) {
                if (sameClient(all[j], clientId)) {
                    strongest = stronger(strongest, all[j]);
                }
            }
            delivered += deliver(message, strongest, deliveries);
        }
        return delivered;
    }

    /** Client ids' hash codes are cached in the String, so most non-matches cost one int compare. */
    private static boolean sameClient(Subscription subscription, String clientId) {
        String other = subscription.clientId();
        return other.hashCode() == clientId.hashCode() && other.equals(clientId);
    }

    private int deliverStrongestPerClientHashed(Message message, Subscription[] all, int n, Delivery[] deliveries) {
        Map<String, Subscription> byClient = new HashMap<>();
        for (int i = 0; i < n; i++) {
            byClient.merge(all[i].clientId(), all[i], Router::stronger);
        }
        int delivered = 0;
        for (Subscription s : byClient.values()) {
            delivered += deliver(message, s, deliveries);
        }
        return delivered;
    }

    private static Subscription stronger(Subscription a, Subscription b) {
        return b.qos() > a.qos() ? b : a;
    }

    /** One subscriber's failure is logged and skipped: the others still get the message. */
    private int deliver(Message message, Subscription subscription, Delivery[] deliveries) {
        try {
            return deliverOrThrow(message, subscription, deliveries);
        } catch (RuntimeException e) {
            if (failures.getAndIncrement() == 0) {
                LOG.warn("Delivery to client '{}' failed; it was skipped and routing went on (further failures are "
                        + "counted and logged at DEBUG)", subscription.clientId(), e);
            } else {
                LOG.debug("Delivery to client '{}' failed", subscription.clientId(), e);
            }
            return 0;
        }
    }

    /** Deliveries that failed with an exception since start, for tests and metrics. */
    public long failedDeliveries() {
        return failures.get();
    }

    private int deliverOrThrow(Message message, Subscription subscription, Delivery[] deliveries) {
        if (subscription.noLocal() && subscription.clientId().equals(message.originClientId())) {
            return 0;
        }
        Session session = sessions.get(subscription.clientId());
        if (session == null) {
            return 0;
        }
        int qos = Math.min(message.qos(), subscription.qos());
        if (qos == 0 && !session.isOnline()) {
            return 0; // AWS IoT Core keeps only QoS 1 messages for offline sessions
        }
        boolean retainFlag = subscription.retainAsPublished() && message.retain();
        if (subscription.topicFilter().isShared()) { // tagged, so a leaving member can hand it on
            return session.offer(new Delivery(message, qos, retainFlag, subscription.key()), clock) ? 1 : 0;
        }
        int slot = qos * 2 + (retainFlag ? 1 : 0);
        Delivery delivery = deliveries[slot];
        if (delivery == null) {
            delivery = new Delivery(message, qos, retainFlag);
            deliveries[slot] = delivery;
        }
        return session.offer(delivery, clock) ? 1 : 0;
    }

    /**
     * Hands a delivery its share-group member will not take (it unsubscribed, or its session
     * ended) to another member of the group, chosen as a match would; true when one took it.
     */
    public boolean redeliverShared(Delivery delivery, String leavingClientId) {
        Message message = delivery.message();
        Subscription next = index.chooseShareMember(delivery.shareKey(), leavingClientId, presence, message.qos());
        if (next == null) {
            LOG.debug("Message on '{}' for leaving member '{}' of '{}': no other member can take it",
                    message.topic(), leavingClientId, delivery.shareKey());
            return false;
        }
        Session session = sessions.get(next.clientId());
        int qos = Math.min(message.qos(), next.qos());
        if (session == null || (qos == 0 && !session.isOnline())) {
            return false;
        }
        return session.offer(new Delivery(message, qos, next.retainAsPublished() && message.retain(), next.key()), clock);
    }

    private MemberPresence.Presence presenceOf(String clientId) {
        Session session = sessions.get(clientId);
        if (session == null) {
            return MemberPresence.Presence.GONE;
        }
        return session.isOnline() ? MemberPresence.Presence.ONLINE : MemberPresence.Presence.OFFLINE;
    }

    /** The retained message for a new subscription to exactly this topic (AWS rule), or null. */
    public Message retainedFor(String topic, long nowMillis) {
        Message message = retained.get(topic);
        if (message != null && message.isExpired(nowMillis)) {
            retained.removeIfSame(topic, message);
            return null;
        }
        return message;
    }
}
