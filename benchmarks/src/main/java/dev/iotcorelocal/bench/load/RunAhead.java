package dev.iotcorelocal.bench.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds how far publishers run ahead of subscribers (messages sent times fan-out, minus
 * messages received), so that what is measured is delivery, not queue growth in the broker.
 */
final class RunAhead {
    private final AtomicLong outstanding = new AtomicLong();
    private final long window;

    RunAhead(long window) {
        this.window = window;
    }

    boolean tryAcquire(int copies) {
        if (outstanding.get() + copies > window) {
            return false;
        }
        outstanding.addAndGet(copies);
        return true;
    }

    void release(int copies) {
        outstanding.addAndGet(-copies);
    }

    long outstanding() {
        return outstanding.get();
    }
}
