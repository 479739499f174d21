package org.lanchat.discovery.responder;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Lets a kind of event through to the log at most once per period, counting what it held back, so that
 * nothing another host sends (malformed packets, conflicting records) can grow the log without bound.
 */
final class LogLimiter {
    private final long periodMillis;
    private final LongSupplier clock;
    private final Map<String, long[]> windows = new HashMap<>();

    LogLimiter(long periodMillis, LongSupplier clock) {
        this.periodMillis = periodMillis;
        this.clock = clock;
    }

    /**
     * @return -1 to stay quiet; otherwise log now, and the number is how many of this kind were held back
     *         since the last line
     */
    synchronized long permit(String kind) {
        long now = clock.getAsLong();
        long[] window = windows.computeIfAbsent(kind, k -> new long[] {Long.MIN_VALUE, 0});
        if (window[0] != Long.MIN_VALUE && now - window[0] < periodMillis) {
            window[1]++;
            return -1;
        }
        long heldBack = window[1];
        window[0] = now;
        window[1] = 0;
        return heldBack;
    }
}
