package org.lanchat.appliance.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PresenceCadenceTest {

    @Test
    void anOfficeOfAFewHundredIsAnnouncedEveryTick() {
        PresenceCadence cadence = new PresenceCadence();

        assertThat(IntStream.range(0, 5).mapToObj(tick -> cadence.due(400))).containsOnly(true);
    }

    @Test
    void withThreeThousandOnlineEveryThirdTickAnnounces() {
        PresenceCadence cadence = new PresenceCadence();

        assertThat(IntStream.range(0, 6).mapToObj(tick -> cadence.due(3_000)))
                .containsExactly(false, false, true, false, false, true);
    }

    @Test
    void theIntervalStopsGrowingAtTenTicks() {
        assertThat(PresenceCadence.ticks(19_000)).isEqualTo(PresenceCadence.MAX_TICKS);
        assertThat(PresenceCadence.ticks(1_000)).isEqualTo(1);
        assertThat(PresenceCadence.ticks(1_001)).isEqualTo(2);
        assertThat(PresenceCadence.ticks(0)).isEqualTo(1);
    }

    @Test
    void onceTheCountFallsTheNextAnnouncementComesSooner() {
        PresenceCadence cadence = new PresenceCadence();
        cadence.due(5_000);
        cadence.due(5_000);

        assertThat(cadence.due(5_000)).isFalse();
        assertThat(cadence.due(5_000)).isFalse();
        assertThat(cadence.due(5_000)).isTrue();
        assertThat(cadence.due(0)).isTrue();
    }
}
