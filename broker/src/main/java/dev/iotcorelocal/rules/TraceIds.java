package dev.iotcorelocal.rules;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code cloudwatchTraceId}s: one random version-4 UUID per message. From ThreadLocalRandom, not
 * UUID.randomUUID's SecureRandom: a trace ID only needs to be unique enough to find in a log, and
 * this runs for every message a rule matches.
 */
final class TraceIds {
    private TraceIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
