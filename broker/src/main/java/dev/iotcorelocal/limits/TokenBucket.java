package dev.iotcorelocal.limits;

/**
 * A rate with a burst: {@code burst} tokens at most, refilled at {@code perSecond}, one taken per
 * request. Time is whatever clock the caller reads (the broker's injected one), so tests step it.
 * Counted in whole milli-tokens, so a refill is exact (no floating-point drift at the boundary).
 * Thread-safe; the lock covers a few arithmetic operations.
 */
public final class TokenBucket {
    private static final long TOKEN = 1_000; // milli-tokens: perSecond tokens per second = perSecond per ms
    private final long perSecond;
    private final long capacity;
    private long milliTokens;
    private long updatedAt;

    /** Starts full at {@code nowMillis}. */
    public TokenBucket(int perSecond, int burst, long nowMillis) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and a burst of at least 1");
        }
        this.perSecond = perSecond;
        this.capacity = burst * TOKEN;
        this.milliTokens = capacity;
        this.updatedAt = nowMillis;
    }

    /** Takes a token if one is there; a clock that steps back refills nothing. */
    public synchronized boolean tryAcquire(long nowMillis) {
        if (nowMillis > updatedAt) {
            long elapsed = nowMillis - updatedAt;
            // elapsed ms * perSecond = milli-tokens, saturating: a long idle is a full bucket, not an overflow
            long refill = elapsed > capacity / perSecond ? capacity : elapsed * perSecond;
            milliTokens = Math.min(capacity, milliTokens + refill);
            updatedAt = nowMillis;
        }
        if (milliTokens < TOKEN) {
            return false;
        }
        milliTokens -= TOKEN;
        return true;
    }
}
