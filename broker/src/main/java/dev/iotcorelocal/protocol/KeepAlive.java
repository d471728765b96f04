package dev.iotcorelocal.protocol;

/**
 * Starts the keep-alive watch once the keep alive is known. The transport supplies it, because
 * the timer is a pipeline handler; the protocol decides the duration.
 */
@FunctionalInterface
public interface KeepAlive {

    /** Disconnect with 0x8D after {@code timeoutMillis} without any packet from the client. */
    void start(long timeoutMillis);
}
