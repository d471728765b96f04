package dev.iotcorelocal.bench.load;

import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/** What the HTTP connections of a run count: requests sent, answered 2xx or not, and request-to-response latency. */
final class HttpStats {
    final LongAdder sent = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder closed = new LongAdder();
    final Recorder latencyMicros = new Recorder(3);
    /** The status of the latest non-2xx answer (0: none), so a failing run says why. */
    volatile int lastFailureStatus;

    long answered() {
        return succeeded.sum() + failed.sum();
    }
}
