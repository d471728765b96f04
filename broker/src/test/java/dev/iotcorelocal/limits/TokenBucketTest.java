package dev.iotcorelocal.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bucket on a stepped clock: burst, refill at the rate, capped at the burst, per key. */
class TokenBucketTest {

    @Test
    void aFullBucketGivesItsBurstThenOneTokenPerIntervalNeverMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(20, 20, 1_000);
        for (int i = 0; i < 20; i++) {
            assertThat(bucket.tryAcquire(1_000)).as("request %d of the burst", i).isTrue();
        }
        assertThat(bucket.tryAcquire(1_000)).isFalse();
        assertThat(bucket.tryAcquire(1_049)).as("0.98 tokens after 49 ms").isFalse();
        assertThat(bucket.tryAcquire(1_050)).as("one token after 50 ms at 20/s").isTrue();
        assertThat(bucket.tryAcquire(1_050)).isFalse();

        int taken = 0;
        while (bucket.tryAcquire(100_000)) {
            taken++;
        }
        assertThat(taken).as("a long idle refills to the burst, not beyond").isEqualTo(20);
    }

    @Test
    void aClockThatStepsBackRefillsNothing() {
        TokenBucket bucket = new TokenBucket(1, 1, 5_000);
        assertThat(bucket.tryAcquire(5_000)).isTrue();
        assertThat(bucket.tryAcquire(1_000)).isFalse();
        assertThat(bucket.tryAcquire(5_999)).isFalse();
        assertThat(bucket.tryAcquire(6_000)).isTrue();
    }

    @Test
    void keysHaveTheirOwnBucketsAndRateZeroAllowsEverything() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(1, 2);
        assertThat(limiter.tryAcquire("lamp", 0)).isTrue();
        assertThat(limiter.tryAcquire("lamp", 0)).isTrue();
        assertThat(limiter.tryAcquire("lamp", 0)).isFalse();
        assertThat(limiter.tryAcquire("fan", 0)).isTrue();

        KeyedRateLimiter off = new KeyedRateLimiter(0, 0);
        for (int i = 0; i < 1_000; i++) {
            assertThat(off.tryAcquire("lamp", 0)).isTrue();
        }
    }

    @Test
    void aBucketNeedsAPositiveRateAndBurst() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
