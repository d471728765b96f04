package dev.iotcorelocal.events;

/**
 * What the protocol tells the lifecycle events about connections (AWS IoT's
 * {@code $aws/events/presence/...} and {@code $aws/events/subscriptions/...}). Implementations
 * never block: they are called on event loops.
 */
public interface ConnectionEvents {

    /** Lifecycle events turned off ({@code events.lifecycle: false}): nothing is tracked or published. */
    ConnectionEvents NONE = new ConnectionEvents() {
        @Override
        public ConnectionLifecycle accepted(ConnectionFacts facts) {
            return ConnectionLifecycle.NONE;
        }

        @Override
        public void connectFailed(ConnectionFacts facts, String ipAddress) {
        }
    };

    /**
     * A CONNECT passed every check: call before the session is attached, so that a takeover by
     * another connection from then on can end this one.
     */
    ConnectionLifecycle accepted(ConnectionFacts facts);

    /** A CONNECT was refused as not authorized (CONNACK 0x87 / 3.1.1 return code 5): {@code connect_failed}. */
    void connectFailed(ConnectionFacts facts, String ipAddress);
}
