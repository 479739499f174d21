package org.lanchat.discovery.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogLimiterTest {

    @Test
    void oneLinePerPeriodPerKindCountingWhatWasHeldBack() {
        AtomicLong clock = new AtomicLong(0);
        LogLimiter limiter = new LogLimiter(60_000, clock::get);

        assertThat(limiter.permit("malformed")).isZero();
        for (int i = 0; i < 1608; i++) {
            assertThat(limiter.permit("malformed")).isEqualTo(-1);
        }
        assertThat(limiter.permit("send")).as("another kind has its own window").isZero();
        clock.set(60_000);
        assertThat(limiter.permit("malformed")).isEqualTo(1608);
        assertThat(limiter.permit("malformed")).isEqualTo(-1);
    }
}
