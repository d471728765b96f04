package dev.iotcorelocal.protocol;

import dev.iotcorelocal.config.LimitsConfig;
import dev.iotcorelocal.delivery.Router;
import dev.iotcorelocal.limits.Limit;
import dev.iotcorelocal.limits.LimitChecks;
import dev.iotcorelocal.limits.Violation;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.ReasonCode;

import java.time.Clock;

/**
 * Publishes on behalf of a service (iot-data's HTTP Publish, the rules' republish): the same
 * limits, reserved-topic rules, expiry clamping and Basic Ingest handling as an MQTT PUBLISH, so a
 * subscriber cannot tell the two apart. Safe to call from any thread.
 */
public final class ApplicationPublisher {
    /** The answer to a RETAIN publish the retained store refused at its bounds (MQTT 0x97, HTTP 429). */
    static final Violation RETAIN_REFUSED = new Violation(Limit.RETAINED_MESSAGES, ReasonCode.QUOTA_EXCEEDED,
            "memory.retained-max-*");
    private final Router router;
    private final LimitsConfig limits;
    private final Clock clock;

    public ApplicationPublisher(Router router, LimitsConfig limits, Clock clock) {
        this.router = router;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Routes the message, or returns the rule it breaks (and routes nothing).
     * @param originClientId the publisher's client ID for No Local, or null
     */
    public Violation publish(String topic, byte[] payload, int qos, boolean retain, PublishProperties properties,
                             String originClientId) {
        Violation violation = LimitChecks.message(topic, retain, payload, properties, limits);
        if (violation != null) {
            return violation;
        }
        Message message = MessageExpiry.message(topic, payload, qos, retain, properties.withoutAlias(),
                originClientId, clock.millis());
        return router.route(message) == Router.RETAIN_REFUSED ? RETAIN_REFUSED : null;
    }

    public long nowMillis() {
        return clock.millis();
    }
}
