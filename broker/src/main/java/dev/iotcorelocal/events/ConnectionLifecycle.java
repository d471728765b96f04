package dev.iotcorelocal.events;

import java.util.List;

/**
 * One accepted connection's events: exactly one {@code connected} and one {@code disconnected},
 * in that order, and the subscription events in between.
 */
public interface ConnectionLifecycle {

    /** No events (turned off, or a client ID with '+' or '#', which AWS publishes nothing for). */
    ConnectionLifecycle NONE = new ConnectionLifecycle() {
        @Override
        public void connected(ConnectionLifecycle predecessor, String ipAddress) {
        }

        @Override
        public void subscribed(List<String> filters) {
        }

        @Override
        public void unsubscribed(List<String> filters) {
        }

        @Override
        public void ended(DisconnectReason reason, long sessionExpirySeconds) {
        }
    };

    /**
     * The CONNACK is written: publishes {@code connected}, after the {@code disconnected} of the
     * connection this one took over ({@code predecessor}, or null), whichever thread publishes
     * that; the version number counts on from the predecessor's.
     */
    void connected(ConnectionLifecycle predecessor, String ipAddress);

    /** The filters a SUBSCRIBE was granted (none: no event). */
    void subscribed(List<String> filters);

    /** The valid filters of an UNSUBSCRIBE (none: no event). */
    void unsubscribed(List<String> filters);

    /**
     * The connection ends for this reason. Any thread; the first reason wins and later calls do
     * nothing, so every close path can say why without knowing whether another already did.
     * @param sessionExpirySeconds how long its session outlives it (how long its version number is kept)
     */
    void ended(DisconnectReason reason, long sessionExpirySeconds);
}
