package dev.iotcorelocal.protocol;

/** AWS IoT Core clamps a Message Expiry Interval to [1, 604800] seconds instead of refusing it. */
final class MessageExpiry {
    static final long MAXIMUM = 604_800;

    private MessageExpiry() {
    }

    static long clamp(long seconds) {
        return Math.max(1, Math.min(seconds, MAXIMUM));
    }
}
