package dev.iotcorelocal.bench.load;

import java.util.Arrays;

/**
 * One subscriber's view of the flooding publishers' sequence numbers (QoS 1 floods stamp each
 * payload with publisher index and sequence). Messages from one publisher on one topic arrive in
 * order (MQTT's ordered topics), so a jump means the broker dropped those in between: their
 * run-ahead slots are freed when the jump is seen. Before, each dropped message kept its slot for
 * the rest of the run, so a broker that dropped a window's worth once was then measured with a
 * handful of messages in flight.
 */
final class SequenceGaps {
    private int[] last = new int[8]; // highest sequence seen per publisher; sequences start at 1

    /** @return the run-ahead slots this arrival frees: itself and any skipped before it; 0 for a late or repeated one */
    int arrived(int publisher, int sequence) {
        if (publisher < 0) {
            return 1; // not a stamped message: it frees its own slot only
        }
        if (publisher >= last.length) {
            last = Arrays.copyOf(last, Math.max(publisher + 1, last.length * 2));
        }
        int previous = last[publisher];
        if (sequence <= previous) {
            return 0; // its slot was freed already, as a gap or on its first arrival
        }
        last[publisher] = sequence;
        return sequence - previous;
    }
}
