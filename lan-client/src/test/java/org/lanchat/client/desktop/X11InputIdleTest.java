package org.lanchat.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lanchat.client.viewmodel.InputIdle;

/**
 * The X screen saver extension answers on a real X display, and its idle time grows while nobody types. Needs an X
 * display: run under {@code lan-client/src/build/with-xvfb.sh}; skipped without one.
 */
class X11InputIdleTest {
    @Test
    void theXDisplayReportsAnIdleTimeThatGrowsWithoutInput() {
        Assumptions.assumeTrue(System.getenv("DISPLAY") != null, "no X display (run with src/build/with-xvfb.sh)");
        Optional<InputIdle> source = SystemInputIdle.x11();
        assertThat(source).as("libXss and the MIT-SCREEN-SAVER extension on " + System.getenv("DISPLAY")).isPresent();
        Duration first = source.orElseThrow().idle().orElseThrow();
        assertThat(first.isNegative()).isFalse();
        Awaitility.await("the idle time grows").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> source.orElseThrow().idle().orElseThrow(), idle -> idle.compareTo(first) > 0);
    }

    @Test
    void theSystemSourceOnThisComputerIsTheX11OneWhenThereIsADisplay() {
        Assumptions.assumeTrue(System.getenv("DISPLAY") != null, "no X display (run with src/build/with-xvfb.sh)");
        assertThat(SystemInputIdle.detect()).isPresent();
    }
}
