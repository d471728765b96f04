package dev.iotcorelocal.shadow;

import dev.iotcorelocal.delivery.Router;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.PublishProperties;

/**
 * Publishes through the router like any message: QoS 1, capped per subscriber by the granted
 * QoS, never retained (spec A1, PROPOSED), from no client (so No Local drops it for nobody), and
 * each subscriber's iot:Receive is checked by the router as for every message.
 */
public final class RouterShadowPublisher implements ShadowPublisher {
    private final Router router;

    public RouterShadowPublisher(Router router) {
        this.router = router;
    }

    @Override
    public void publish(String topic, byte[] payload) {
        router.route(new Message(topic, payload, 1, false, PublishProperties.EMPTY, Message.NEVER, null));
    }

    @Override
    public boolean hasSubscriber(String topic) {
        return router.hasSubscriber(topic);
    }
}
