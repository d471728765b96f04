package dev.iotcorelocal.events;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * AWS's {@code versionNumber} per client ID (spec §6.4): incremented on each successful CONNECT,
 * the same in a connection's connected and disconnected events, and back to 0 once the client ID
 * has had no connection for max(1 h, the session expiry of its last connection). The reset is
 * decided lazily from the injected clock when the client ID connects again, so no timer exists;
 * client IDs past their reset are swept at most every ten minutes of that clock, which bounds the
 * table by the client IDs seen within the last hour (or session expiry).
 */
final class VersionNumbers {
    static final long MINIMUM_KEEP_MILLIS = 3_600_000;
    private static final long SWEEP_EVERY_MILLIS = 600_000;

    /** live: connections currently counted; idleSince/keepMillis: when the last ended and for how long that counts. */
    private record Entry(long version, int live, long idleSince, long keepMillis) {
        boolean expired(long now) {
            return live == 0 && now - idleSince >= keepMillis;
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicLong nextSweep;

    VersionNumbers(Clock clock) {
        this.clock = clock;
        this.nextSweep = new AtomicLong(clock.millis() + SWEEP_EVERY_MILLIS);
    }

    /** A CONNECT succeeded: its version number. */
    long connected(String clientId) {
        long now = clock.millis();
        Entry entry = entries.compute(clientId, (id, old) -> old == null || old.expired(now)
                ? new Entry(0, 1, now, 0)
                : new Entry(old.version() + 1, old.live() + 1, old.idleSince(), old.keepMillis()));
        sweepIfDue(now);
        return entry.version();
    }

    /** A connection counted by {@link #connected} ended; its session is kept for {@code sessionExpirySeconds}. */
    void disconnected(String clientId, long sessionExpirySeconds) {
        long now = clock.millis();
        long keep = Math.max(MINIMUM_KEEP_MILLIS, sessionExpirySeconds * 1000);
        entries.computeIfPresent(clientId, (id, old) -> new Entry(old.version(), Math.max(0, old.live() - 1), now, keep));
    }

    int size() {
        return entries.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + SWEEP_EVERY_MILLIS)) {
            return;
        }
        entries.forEach((id, entry) -> {
            if (entry.expired(now)) {
                entries.computeIfPresent(id, (key, current) -> current.expired(now) ? null : current);
            }
        });
    }
}
