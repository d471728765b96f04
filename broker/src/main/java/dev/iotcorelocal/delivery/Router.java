package dev.iotcorelocal.delivery;

import dev.iotcorelocal.auth.Authorizer;
import dev.iotcorelocal.message.Delivery;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.routing.RetainedStore;
import dev.iotcorelocal.routing.Subscription;
import dev.iotcorelocal.routing.SubscriptionIndex;
import dev.iotcorelocal.session.Session;
import dev.iotcorelocal.session.SessionRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands a published message to every matching session's queue. Synchronous and non-blocking:
 * when it returns the message is routed, which is when a QoS 1 publisher gets its PUBACK.
 */
public final class Router {
    private final SubscriptionIndex index;
    private final SessionRegistry sessions;
    private final RetainedStore<Message> retained;
    private final Authorizer authorizer;

    public Router(SubscriptionIndex index, SessionRegistry sessions, RetainedStore<Message> retained,
                  Authorizer authorizer) {
        this.index = index;
        this.sessions = sessions;
        this.retained = retained;
        this.authorizer = authorizer;
    }

    /** Routes the message; returns the number of sessions it was queued for. */
    public int route(Message message) {
        if (message.retain()) {
            if (message.payload().length == 0) {
                retained.remove(message.topic());
            } else {
                retained.put(message.topic(), message);
            }
        }
        List<Subscription> matches = new ArrayList<>(4);
        index.match(message.topic(), matches::add);
        if (matches.size() == 1) {
            return deliver(message, matches.get(0)) ? 1 : 0;
        }
        int delivered = 0;
        for (Subscription s : strongestPerClient(matches)) {
            if (deliver(message, s)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** One delivery per client when several of its subscriptions match, at the highest QoS (spec 3.3.4). */
    private static Iterable<Subscription> strongestPerClient(List<Subscription> matches) {
        if (matches.size() < 2) {
            return matches;
        }
        Map<String, Subscription> byClient = new HashMap<>(matches.size() * 2);
        for (Subscription s : matches) {
            byClient.merge(s.clientId(), s, (a, b) -> b.qos() > a.qos() ? b : a);
        }
        return byClient.values();
    }

    private boolean deliver(Message message, Subscription subscription) {
        if (subscription.noLocal() && subscription.clientId().equals(message.originClientId())) {
            return false;
        }
        Session session = sessions.get(subscription.clientId());
        if (session == null || !authorizer.canReceive(subscription.clientId(), message.topic())) {
            return false;
        }
        int qos = Math.min(message.qos(), subscription.qos());
        if (qos == 0 && !session.isOnline()) {
            return false; // AWS IoT Core keeps only QoS 1 messages for offline sessions
        }
        boolean retainFlag = subscription.retainAsPublished() && message.retain();
        return session.offer(new Delivery(message, qos, retainFlag));
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
