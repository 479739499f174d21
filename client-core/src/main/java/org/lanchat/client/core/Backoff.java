package org.lanchat.client.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, so many clients that lost the same appliance do not all come back in
 * the same millisecond: attempt {@code n} waits between half and all of {@code first × 2^n}, capped.
 */
final class Backoff {
    private final Duration first;
    private final Duration max;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    Duration delay(int attempt) {
        long base = first.toMillis() << Math.min(attempt, 20);
        long capped = Math.min(base, max.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
