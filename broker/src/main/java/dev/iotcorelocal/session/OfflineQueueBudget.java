package dev.iotcorelocal.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The payload bytes queued for disconnected sessions, all together, against one bound
 * ({@code memory.offline-queue-max-bytes}). A session reserves for each message offered while
 * it is offline and gives its reservation back when a connection resumes it or it ends, so
 * the total follows what offline sessions hold. Only offline offers touch it: the online hot
 * path stays free of this shared counter.
 */
public final class OfflineQueueBudget {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineQueueBudget.class);
    /** Bytes charged per message besides its payload: the queue entry and delivery record. */
    static final int ENTRY_OVERHEAD = 64;

    private final long maxBytes;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();

    /** @param maxBytes 0 for no bound */
    public OfflineQueueBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public static OfflineQueueBudget unbounded() {
        return new OfflineQueueBudget(0);
    }

    static long cost(int payloadBytes) {
        return (long) payloadBytes + ENTRY_OVERHEAD;
    }

    boolean tryReserve(long bytes) {
        if (maxBytes <= 0) {
            reserved.addAndGet(bytes);
            return true;
        }
        long after = reserved.addAndGet(bytes);
        if (after <= maxBytes) {
            return true;
        }
        reserved.addAndGet(-bytes);
        if (warned.compareAndSet(false, true)) {
            LOG.warn("Offline sessions hold {} bytes of queued messages, the bound memory.offline-queue-max-bytes: "
                    + "new messages for offline sessions are dropped until some are delivered or expire "
                    + "(logged once; each session counts its drops)", maxBytes);
        }
        return false;
    }

    void release(long bytes) {
        if (bytes != 0) {
            reserved.addAndGet(-bytes);
        }
    }

    /** Bytes reserved now, for tests and metrics. */
    public long reservedBytes() {
        return reserved.get();
    }
}
