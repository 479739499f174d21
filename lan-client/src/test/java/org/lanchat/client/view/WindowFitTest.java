package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** A window that grew stays on its screen: moved back before it is shrunk, and never above or left of it. */
class WindowFitTest {
    private static final Rectangle2D SCREEN = new Rectangle2D(0, 0, 1280, 800);

    @Test
    void theChatWindowGrownFromTheStartWindowsCornerIsMovedBackOntoTheScreen() {
        // The 560 px start window sat at x = 360; the chat window of 1120 x 760 grew from there.
        Rectangle2D fitted = WindowFit.within(new Rectangle2D(360, 20, 1120, 760), SCREEN);
        assertThat(fitted).isEqualTo(new Rectangle2D(160, 20, 1120, 760));
    }

    @Test
    void aWindowLargerThanTheScreenIsMadeToFitIt() {
        assertThat(WindowFit.within(new Rectangle2D(100, 100, 1600, 1000), SCREEN)).isEqualTo(SCREEN);
    }

    @Test
    void aWindowAlreadyOnTheScreenStaysWhereItIs() {
        Rectangle2D window = new Rectangle2D(40, 30, 800, 600);
        assertThat(WindowFit.within(window, SCREEN)).isEqualTo(window);
    }

    @Test
    void aSecondScreenToTheRightIsItsOwnPlace() {
        Rectangle2D right = new Rectangle2D(1280, 0, 1920, 1080);
        assertThat(WindowFit.within(new Rectangle2D(2900, 500, 1120, 760), right)).isEqualTo(new Rectangle2D(2080, 320, 1120, 760));
    }
}
