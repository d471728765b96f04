package dev.iotcorelocal.events;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * AWS's {@code versionNumber} per client ID (spec §6.4): incremented on each successful CONNECT,
 * the same in a connection's connected and disconnected events, and back to 0 once the client ID
 * has had no connection for max(1 h, the session expiry of its last connection).
 *
 * <p>A live connection's number is held by its lifecycle (a takeover counts on from the one it
 * took over), so this table holds only client IDs that are offline: a connected fleet costs it
 * nothing. The reset is decided lazily from the injected clock when the client ID connects again,
 * so no timer exists; entries past their reset are swept at most every ten minutes of that clock,
 * which bounds the table by the client IDs that went offline within the last hour (or expiry).
 */
final class VersionNumbers {
    static final long MINIMUM_KEEP_MILLIS = 3_600_000;
    private static final long SWEEP_EVERY_MILLIS = 600_000;

    /** The last number of an offline client ID, since when it is offline and for how long that counts. */
    private record Entry(long version, long offlineSince, long keepMillis) {
        boolean expired(long now) {
            return now - offlineSince >= keepMillis;
        }
    }

    private final ConcurrentHashMap<String, Entry> offline = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicLong nextSweep;

    VersionNumbers(Clock clock) {
        this.clock = clock;
        this.nextSweep = new AtomicLong(clock.millis() + SWEEP_EVERY_MILLIS);
    }

    /**
     * A CONNECT succeeded: its version number.
     * @param takenOver the number of the live connection it took over, or -1 when there was none
     */
    long connected(String clientId, long takenOver) {
        long now = clock.millis();
        Entry last = offline.remove(clientId);
        sweepIfDue(now);
        if (takenOver >= 0) {
            return takenOver + 1;
        }
        return last == null || last.expired(now) ? 0 : last.version() + 1;
    }

    /** A connection ended; its session is kept for {@code sessionExpirySeconds}. */
    void disconnected(String clientId, long version, long sessionExpirySeconds) {
        Entry ended = new Entry(version, clock.millis(), Math.max(MINIMUM_KEEP_MILLIS, sessionExpirySeconds * 1000));
        // A late report of an older connection never lowers the number.
        offline.merge(clientId, ended, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    /** Offline client IDs still remembered. */
    int size() {
        return offline.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + SWEEP_EVERY_MILLIS)) {
            return;
        }
        offline.forEach((id, entry) -> {
            if (entry.expired(now)) {
                offline.computeIfPresent(id, (key, current) -> current.expired(now) ? null : current);
            }
        });
    }
}
