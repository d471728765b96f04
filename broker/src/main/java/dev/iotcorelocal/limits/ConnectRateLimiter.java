package dev.iotcorelocal.limits;

/**
 * CONNECTs per second per client ID, as a token bucket with a small burst so that takeovers and
 * quick reconnects in tests work.
 */
public final class ConnectRateLimiter {
    private final KeyedRateLimiter perClientId;

    public ConnectRateLimiter(int perSecond, int burst) {
        this.perClientId = new KeyedRateLimiter(perSecond, burst);
    }

    public boolean tryAcquire(String clientId, long nowMillis) {
        return perClientId.tryAcquire(clientId, nowMillis);
    }
}
