package dev.iotcorelocal.session;

import dev.iotcorelocal.message.Delivery;

/**
 * Takes a delivery chosen through a share group whose member will not take it (it unsubscribed,
 * or its session ended) and gives it to another member (MQTT 5 §4.8.2); the router does this.
 */
@FunctionalInterface
public interface SharedRedelivery {
    /** Until a router is attached: such deliveries are dropped. */
    SharedRedelivery DROP = (delivery, leavingClientId) -> false;

    /** @return true when another member took it */
    boolean redeliver(Delivery delivery, String leavingClientId);
}
