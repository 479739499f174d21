package org.lanchat.appliance.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A token bucket on a clock that moves only when the test moves it. */
class TokenBucketTest {
    final AtomicLong now = new AtomicLong();
    final TokenBucket bucket = new TokenBucket(20, 40, now::get);

    @Test
    void aQuietClientMaySendAWholeBurstAtOnceAndThenWaitsForTheRate() {
        for (int i = 0; i < 40; i++) {
            assertThat(bucket.take()).as("send %d of the burst", i).isZero();
        }
        assertThat(bucket.take()).as("one token comes every 50 ms").isEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isPositive();
    }

    @Test
    void aRefusedTakeTakesNothingSoWaitingTheAnswerIsEnough() {
        for (int i = 0; i < 40; i++) {
            bucket.take();
        }
        long wait = bucket.take();
        bucket.take();
        bucket.take();
        now.addAndGet(wait);
        assertThat(bucket.take()).isZero();
    }

    @Test
    void theBucketNeverHoldsMoreThanItsBurst() {
        now.addAndGet(TimeUnit.HOURS.toNanos(1));
        int admitted = 0;
        while (bucket.take() == 0) {
            admitted++;
        }
        assertThat(admitted).isEqualTo(40);
    }
}
