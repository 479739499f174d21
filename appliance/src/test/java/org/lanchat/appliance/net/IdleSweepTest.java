package org.lanchat.appliance.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How often the idle sweep looks: how late past the timeout a silent connection can hear of it. */
class IdleSweepTest {

    @Test
    void theDefaultTimeoutIsCheckedEverySecond() {
        assertThat(IdleSweep.interval(Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(1));
        assertThat(IdleSweep.interval(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shortTimeoutsAreCheckedTenTimesEach() {
        assertThat(IdleSweep.interval(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(200));
        assertThat(IdleSweep.interval(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void noThreadSweepsMoreOftenThanEveryFiftyMilliseconds() {
        assertThat(IdleSweep.interval(Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(50));
    }
}
