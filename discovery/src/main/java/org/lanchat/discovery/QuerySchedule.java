package org.lanchat.discovery;

import java.time.Duration;

/**
 * When a browser asks again for the services it browses (RFC 6762 §5.2, continuous querying): one second after it
 * starts, then after intervals that double, up to an hour between questions. A service lost (its goodbye, or its
 * records expired) starts the intervals again from one second, as a new question would. JmDNS asks three times when
 * browsing starts and afterwards only to refresh what it already holds: after a goodbye it asked nothing more, so an
 * appliance that came back on a new address while its announcements were missed was never found again.
 * Used on one thread (the browser's once-a-second sweep).
 */
final class QuerySchedule {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofHours(1);

    private long nextAtMillis;
    private Duration interval;

    QuerySchedule(long startedAtMillis) {
        restart(startedAtMillis);
    }

    /** Whether a question is due at {@code nowMillis}; if it is, the next one is set an interval twice as long later. */
    boolean due(long nowMillis) {
        if (nowMillis < nextAtMillis) {
            return false;
        }
        interval = interval.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : interval.multipliedBy(2);
        nextAtMillis = nowMillis + interval.toMillis();
        return true;
    }

    /** Something browsed was lost: ask again a second from now, and at doubling intervals from there. */
    void restart(long nowMillis) {
        interval = FIRST;
        nextAtMillis = nowMillis + FIRST.toMillis();
    }
}
