package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.Authorizer;
import dev.iotcorelocal.config.LimitsConfig;
import dev.iotcorelocal.config.MqttConfig;
import dev.iotcorelocal.config.SessionConfig;
import dev.iotcorelocal.delivery.Router;
import dev.iotcorelocal.events.ConnectionEvents;
import dev.iotcorelocal.limits.ConnectRateLimiter;
import dev.iotcorelocal.limits.ConnectRefusalLog;
import dev.iotcorelocal.routing.SubscriptionIndex;
import dev.iotcorelocal.session.SessionRegistry;

import java.time.Clock;

/** The broker-wide collaborators every connection uses; immutable, built once by the assembly. */
public record ProtocolContext(MqttConfig mqtt, SessionConfig sessions, LimitsConfig limits, SessionRegistry registry,
                              Router router, SubscriptionIndex index, Authorizer authorizer,
                              ConnectRateLimiter connectRateLimiter, Clock clock, ConnectRefusalLog connectRefusals,
                              ConnectionEvents events) {

    /** With a refusal log of its own and no lifecycle events. */
    public ProtocolContext(MqttConfig mqtt, SessionConfig sessions, LimitsConfig limits, SessionRegistry registry,
                           Router router, SubscriptionIndex index, Authorizer authorizer,
                           ConnectRateLimiter connectRateLimiter, Clock clock) {
        this(mqtt, sessions, limits, registry, router, index, authorizer, connectRateLimiter, clock,
                new ConnectRefusalLog(), ConnectionEvents.NONE);
    }
}
