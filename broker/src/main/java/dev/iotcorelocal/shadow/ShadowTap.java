package dev.iotcorelocal.shadow;

import dev.iotcorelocal.delivery.MessageTap;
import dev.iotcorelocal.message.Message;

/**
 * The MQTT side: a routed message on a shadow request topic becomes a shadow request. It has
 * passed the publisher's limits and authorisation by then, exactly as it reached subscribers;
 * every other message (response topics included) passes by untouched.
 */
public final class ShadowTap implements MessageTap {
    private static final String THINGS = "$aws/things/";
    private final ShadowService service;

    public ShadowTap(ShadowService service) {
        this.service = service;
    }

    @Override
    public void routed(Message message) {
        if (!message.topic().startsWith(THINGS)) {
            return;
        }
        ShadowTopics.Request request = ShadowTopics.parse(message.topic());
        if (request != null) {
            service.request(request.key(), request.operation(), message.payload());
        }
    }
}
