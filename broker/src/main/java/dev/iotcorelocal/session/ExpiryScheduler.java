package dev.iotcorelocal.session;

import java.time.Duration;

/**
 * Runs a task once after a delay, cancellably: session expiry and delayed Will messages. One
 * timer per pending event, never a sweep over all sessions.
 */
public interface ExpiryScheduler {

    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }
}
