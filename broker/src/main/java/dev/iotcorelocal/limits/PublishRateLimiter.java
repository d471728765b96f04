package dev.iotcorelocal.limits;

/**
 * At most N publishes in any one-second window, exactly: a ring of the last N accepted
 * publishes' times. A token bucket would let 1.5 N through in half a second after idling, which
 * AWS's quota does not. Allocated on the first publish, so idle connections pay nothing; no
 * timer. Confined to the connection's event loop.
 */
public final class PublishRateLimiter {
    private final int perSecond;
    private long[] acceptedAt;
    private int next;

    public PublishRateLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Records and allows the publish when fewer than N were accepted in the last second. */
    public boolean tryAcquire(long nowMillis) {
        if (perSecond <= 0) {
            return true;
        }
        if (acceptedAt == null) {
            acceptedAt = new long[perSecond];
            java.util.Arrays.fill(acceptedAt, Long.MIN_VALUE / 2);
        }
        // acceptedAt[next] is the oldest of the last N accepted publishes.
        if (nowMillis - acceptedAt[next] < 1000) {
            return false;
        }
        acceptedAt[next] = nowMillis;
        next = next + 1 == perSecond ? 0 : next + 1;
        return true;
    }
}
