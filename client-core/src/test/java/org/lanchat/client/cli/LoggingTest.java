package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The libraries' log lines are developers' English: off the terminal unless a developer asks for them. */
class LoggingTest {
    @Test
    void noLibraryLineReachesTheTerminalUnlessLanchatDebugIsSet() {
        assertThat(Logging.level(Map.of())).isEqualTo("off");
        assertThat(Logging.level(Map.of("LANCHAT_DEBUG", "1"))).isEqualTo("info");
    }

    @Test
    void aDeveloperMayNameTheLevel() {
        assertThat(Logging.level(Map.of("LANCHAT_LOG", "debug"))).isEqualTo("debug");
        assertThat(Logging.level(Map.of("LANCHAT_LOG", " ", "LANCHAT_DEBUG", "1"))).isEqualTo("info");
    }
}
