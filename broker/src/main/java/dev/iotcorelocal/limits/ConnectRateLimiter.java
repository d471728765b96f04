package dev.iotcorelocal.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/**
 * CONNECTs per second per client ID, as a token bucket with a small burst so that takeovers and
 * quick reconnects in tests work. Buckets of client IDs not seen for a minute are forgotten
 * (Caffeine), so memory follows the active client IDs only.
 */
public final class ConnectRateLimiter {
    private final double perSecond;
    private final int burst;
    private final Cache<String, Bucket> buckets;

    public ConnectRateLimiter(int perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(1)).build();
    }

    public boolean tryAcquire(String clientId, long nowMillis) {
        if (perSecond <= 0) {
            return true;
        }
        Bucket bucket = buckets.get(clientId, id -> new Bucket(burst, nowMillis));
        synchronized (bucket) {
            double refill = (nowMillis - bucket.updatedAt) / 1000.0 * perSecond;
            bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, refill));
            bucket.updatedAt = Math.max(bucket.updatedAt, nowMillis);
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }
}
