package dev.iotcorelocal.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/**
 * One {@link TokenBucket} per key (a client ID, a thing name). Buckets of keys not seen for a
 * minute are forgotten (Caffeine), so memory follows the active keys only; a forgotten bucket
 * comes back full, as it would have refilled by then at any rate of one per second or more.
 * A rate of 0 allows everything.
 */
public final class KeyedRateLimiter {
    private final int perSecond;
    private final int burst;
    private final Cache<String, TokenBucket> buckets;

    public KeyedRateLimiter(int perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(1)).build();
    }

    public boolean tryAcquire(String key, long nowMillis) {
        if (perSecond <= 0) {
            return true;
        }
        return buckets.get(key, k -> new TokenBucket(perSecond, burst, nowMillis)).tryAcquire(nowMillis);
    }
}
