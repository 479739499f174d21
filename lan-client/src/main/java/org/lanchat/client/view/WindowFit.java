package org.lanchat.client.view;

import javafx.geometry.Rectangle2D;

/**
 * Keeps a window on its screen when it grows. The start window is small and placed mid-screen; the chat window that
 * replaces it is twice as wide, grows to the right from the same corner, and on a 1280 x 800 screen without a window
 * manager to move it, its Send button and the banner's Reconnect ended up off the screen.
 */
final class WindowFit {
    private WindowFit() {
    }

    /** {@code window} made no larger than {@code screen}, then moved (left and up only as needed) to lie inside it. */
    static Rectangle2D within(Rectangle2D window, Rectangle2D screen) {
        double width = Math.min(window.getWidth(), screen.getWidth());
        double height = Math.min(window.getHeight(), screen.getHeight());
        double x = Math.max(screen.getMinX(), Math.min(window.getMinX(), screen.getMaxX() - width));
        double y = Math.max(screen.getMinY(), Math.min(window.getMinY(), screen.getMaxY() - height));
        return new Rectangle2D(x, y, width, height);
    }
}
