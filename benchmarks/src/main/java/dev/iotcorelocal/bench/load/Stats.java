package dev.iotcorelocal.bench.load;

import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/** What a run counts: messages sent and received, acknowledgements, latency, disconnects. */
final class Stats {
    final LongAdder sent = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final Recorder latencyMicros = new Recorder(3);
    volatile boolean recordLatency;
    /** Latency from a 16-hex-digit System.nanoTime() just before the payload's closing {@code "}} (shadow answers' clientToken). */
    volatile boolean latencyFromClientToken;
}
