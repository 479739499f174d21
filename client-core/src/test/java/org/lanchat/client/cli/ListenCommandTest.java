package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListenCommandTest {
    @Test
    void anApplianceThatDoesNotAnswerYetIsTriedAgainAfterOneTwoFourSecondsAndSoOnAtMostThirty() {
        assertThat(IntStream.range(0, 8).mapToObj(ListenCommand::waitAfter).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(ListenCommand.waitAfter(Integer.MAX_VALUE)).as("no overflow after a night of attempts")
                .isEqualTo(Duration.ofSeconds(30));
    }
}
