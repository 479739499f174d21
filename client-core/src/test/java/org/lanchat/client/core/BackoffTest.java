package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** On a LAN the appliance is usually back within seconds: nobody should wait much longer than that. */
class BackoffTest {
    private final Backoff backoff = new Backoff(ClientOptions.DEFAULTS.firstRetry(), ClientOptions.DEFAULTS.maxRetry());

    @Test
    void noWaitIsLongerThanFiveSecondsHoweverLongTheApplianceIsAway() {
        for (int attempt = 0; attempt < 40; attempt++) {
            assertThat(backoff.delay(attempt)).isLessThanOrEqualTo(Duration.ofSeconds(5)).isPositive();
        }
    }

    @Test
    void atTheCapWaitsStillVarySoAnOfficeDoesNotReconnectInTheSameMillisecond() {
        Set<Duration> waits = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Duration wait = backoff.delay(30);
            assertThat(wait).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
            waits.add(wait);
        }
        assertThat(waits).hasSizeGreaterThan(10);
    }

    @Test
    void theFirstWaitsAreShort() {
        assertThat(backoff.delay(0)).isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(1)).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }
}
