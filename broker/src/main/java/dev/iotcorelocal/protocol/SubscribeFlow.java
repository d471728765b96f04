package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.ClientGrant;
import dev.iotcorelocal.config.LimitsConfig;
import dev.iotcorelocal.limits.Limit;
import dev.iotcorelocal.limits.LimitChecks;
import dev.iotcorelocal.limits.ReservedTopics;
import dev.iotcorelocal.limits.Violation;
import dev.iotcorelocal.message.Delivery;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.Suback;
import dev.iotcorelocal.packet.Subscribe;
import dev.iotcorelocal.packet.SubscriptionRequest;
import dev.iotcorelocal.packet.Unsuback;
import dev.iotcorelocal.packet.Unsubscribe;
import dev.iotcorelocal.routing.Subscription;
import dev.iotcorelocal.routing.TopicFilter;
import dev.iotcorelocal.session.Session;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SUBSCRIBE and UNSUBSCRIBE. Requests above the Maximum QoS are granted it (AWS: QoS 2 gets 1); retained
 * messages go only to a new subscription whose filter equals their topic, as on AWS IoT Core. Requests
 * are checked first; the granted ones change the session and the index in one step that only the
 * session's owner can take (a connection taken over meanwhile changes nothing).
 */
final class SubscribeFlow {
    private static final Logger LOG = LoggerFactory.getLogger(SubscribeFlow.class);

    private final Channel channel;
    private final ProtocolContext context;
    private final MqttConnection connection;
    private final ClientGrant grant;
    private final Session session;

    SubscribeFlow(Channel channel, ProtocolContext context, MqttConnection connection, ClientGrant grant,
                  Session session) {
        this.channel = channel;
        this.context = context;
        this.connection = connection;
        this.grant = grant;
        this.session = session;
    }

    void onSubscribe(Subscribe subscribe) {
        if (subscribe.subscriptionIdentifier() != 0) {
            connection.disconnect(ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
                    "Subscription identifiers are not supported.");
            return;
        }
        List<SubscriptionRequest> requests = subscribe.subscriptions();
        List<ReasonCode> reasons = new ArrayList<>(requests.size());
        List<Subscription> granted = new ArrayList<>(requests.size());
        List<SubscriptionRequest> grantedRequests = new ArrayList<>(requests.size());
        Set<String> newKeys = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            SubscriptionRequest request = requests.get(i);
            TopicFilter filter = TopicFilter.parse(request.filter());
            if (filter == null) {
                reasons.add(refused(request, ReasonCode.TOPIC_FILTER_INVALID));
                continue;
            }
            if (filter.isShared() && request.noLocal()) {
                connection.protocolError("No Local is not allowed on a shared subscription.");
                return;
            }
            Violation violation = checkLimits(filter, i, newKeys);
            if (violation != null) {
                connection.refusals().refused(violation);
            } else if (!grant.canSubscribe(request.filter())) { // the grant logs why, once
                violation = new Violation(null, ReasonCode.NOT_AUTHORIZED, "Not authorized to subscribe to " + request.filter());
            }
            if (violation != null) {
                if (connection.closeIfNoReasonCodes(violation)) {
                    return; // MQTT 3.1.1: closed
                }
                reasons.add(violation.limit() == null ? refused(request, violation.reasonCode()) : violation.reasonCode());
                continue;
            }
            int qos = Math.min(request.qos(), context.mqtt().maximumQos());
            Subscription subscription = new Subscription(session.clientId(), filter, qos, request.noLocal(),
                    request.retainAsPublished(), request.retainHandling());
            if (session.subscription(subscription.key()) == null) {
                newKeys.add(subscription.key());
            }
            granted.add(subscription);
            grantedRequests.add(request);
            reasons.add(ReasonCode.grantedQos(qos));
        }
        boolean[] existed = new boolean[granted.size()];
        if (!granted.isEmpty() && !context.registry().changeIfOwner(session, connection, () -> add(granted, existed))) {
            connection.onTakenOver();
            return;
        }
        channel.write(new Suback(subscribe.packetId(), reasons, null, List.of()), channel.voidPromise());
        ActivityLog.subscribed(session.clientId(), requests, reasons);
        connection.lifecycle().subscribed(grantedRequests.stream().map(SubscriptionRequest::filter).toList());
        for (int i = 0; i < granted.size(); i++) { // after the SUBACK, with RETAIN set
            Subscription subscription = granted.get(i);
            Message message = retainedFor(subscription.topicFilter(), grantedRequests.get(i), existed[i]);
            if (message != null) {
                session.offer(new Delivery(message, Math.min(subscription.qos(), message.qos()), true));
            }
        }
    }

    /** Inside the registry's compute for the client ID: the session and the index change together. */
    private void add(List<Subscription> granted, boolean[] existed) {
        for (int i = 0; i < granted.size(); i++) {
            Subscription subscription = granted.get(i);
            existed[i] = session.removeSubscription(subscription.key()) != null;
            session.addSubscription(subscription);
            context.index().add(subscription);
        }
    }

    /** AWS's per-SUBSCRIBE and per-connection limits, filter size and depth, reserved topics. */
    private Violation checkLimits(TopicFilter filter, int position, Set<String> newKeysBefore) {
        LimitsConfig limits = context.limits();
        if (limits.filtersPerSubscribe() > 0 && position >= limits.filtersPerSubscribe()) {
            return new Violation(Limit.FILTERS_PER_SUBSCRIBE, ReasonCode.QUOTA_EXCEEDED,
                    "filter " + (position + 1) + " > " + limits.filtersPerSubscribe());
        }
        Violation violation = filter.isShared() ? LimitChecks.shareName(filter.shareGroup(), limits) : null;
        if (violation == null) {
            violation = LimitChecks.topicFilter(filter.filter(), limits);
        }
        if (violation != null) {
            return violation;
        }
        if (limits.reservedTopics() && !ReservedTopics.canSubscribe(filter.filter())) {
            return new Violation(Limit.RESERVED_TOPIC, ReasonCode.TOPIC_FILTER_INVALID, filter.filter());
        }
        int maximum = limits.subscriptionsPerConnection();
        boolean isNew = session.subscription(filter.key()) == null && !newKeysBefore.contains(filter.key());
        int count = session.subscriptionCount() + newKeysBefore.size();
        if (maximum > 0 && isNew && count >= maximum) {
            return new Violation(Limit.SUBSCRIPTIONS_PER_CONNECTION, ReasonCode.QUOTA_EXCEEDED,
                    count + " subscriptions already, maximum " + maximum);
        }
        return null;
    }

    private Message retainedFor(TopicFilter filter, SubscriptionRequest request, boolean existed) {
        boolean wanted = request.retainHandling() == 0 || (request.retainHandling() == 1 && !existed);
        if (!wanted || filter.isShared() || filter.hasWildcard()) {
            return null;
        }
        return context.router().retainedFor(filter.filter(), context.clock().millis());
    }

    private ReasonCode refused(SubscriptionRequest request, ReasonCode reason) {
        LOG.debug("Refusing subscription of client '{}' to '{}': {}", session.clientId(), request.filter(), reason);
        return reason;
    }

    void onUnsubscribe(Unsubscribe unsubscribe) {
        List<ReasonCode> reasons = new ArrayList<>(unsubscribe.filters().size());
        List<TopicFilter> filters = new ArrayList<>(unsubscribe.filters().size());
        for (String text : unsubscribe.filters()) {
            TopicFilter filter = TopicFilter.parse(text);
            if (filter == null) {
                reasons.add(ReasonCode.TOPIC_FILTER_INVALID);
                continue;
            }
            filters.add(filter);
            // AWS IoT Core answers 0x00 even when no such subscription existed (0x11 is not in its list).
            reasons.add(ReasonCode.SUCCESS);
        }
        if (!filters.isEmpty() && !context.registry().changeIfOwner(session, connection, () -> remove(filters))) {
            connection.onTakenOver();
            return;
        }
        channel.write(new Unsuback(unsubscribe.packetId(), reasons, null, List.of()), channel.voidPromise());
        ActivityLog.unsubscribed(session.clientId(), unsubscribe.filters(), reasons);
        connection.lifecycle().unsubscribed(filters.stream().map(TopicFilter::key).toList());
    }

    private void remove(List<TopicFilter> filters) {
        for (TopicFilter filter : filters) {
            if (session.removeSubscription(filter.key()) != null) {
                context.index().remove(session.clientId(), filter);
            }
        }
    }
}
