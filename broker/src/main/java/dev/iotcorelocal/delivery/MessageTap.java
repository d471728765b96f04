package dev.iotcorelocal.delivery;

import dev.iotcorelocal.message.Message;

/**
 * Sees every message the router has routed (after the publisher's limits and authorisation, as
 * subscribers would), for services such as shadows and rules. Called on the publisher's thread,
 * often an event loop: an implementation must only hand the message on, never block or parse.
 */
@FunctionalInterface
public interface MessageTap {
    MessageTap NONE = message -> { };

    void routed(Message message);
}
