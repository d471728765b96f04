package dev.iotcorelocal.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The end of a run: waits until what was expected has arrived, or nothing more arrives; whatever is missing then is lost. */
final class Drain {
    private Drain() {
    }

    /** Waits at most 10 s, giving up after 1 s without progress. */
    static void await(LongSupplier expected, LongSupplier received) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = -1;
        int quietChecks = 0;
        while (System.nanoTime() < deadline) {
            long now = received.getAsLong();
            if (now >= expected.getAsLong()) {
                return;
            }
            quietChecks = now == last ? quietChecks + 1 : 0;
            if (quietChecks >= 20) { // nothing for 1 s: the rest is lost
                return;
            }
            last = now;
            Thread.sleep(50); // a benchmark's polling, bounded by the deadline
        }
    }
}
