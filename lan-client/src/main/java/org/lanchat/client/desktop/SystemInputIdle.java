package org.lanchat.client.desktop;

import java.util.Locale;
import java.util.Optional;
import org.lanchat.client.viewmodel.InputIdle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's own input idle time, from whichever system interface this computer has: the X screen saver
 * extension on Linux and other X11 systems, {@code GetLastInputInfo} on Windows, CoreGraphics on macOS. Where none
 * answers (Wayland without XWayland, a missing library), the app counts its own key and mouse events instead.
 */
public final class SystemInputIdle {
    private static final Logger log = LoggerFactory.getLogger(SystemInputIdle.class);

    private SystemInputIdle() {
    }

    /** The system's source, or empty when this computer has none the app can use. */
    public static Optional<InputIdle> detect() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Optional<InputIdle> found = os.startsWith("windows") ? WindowsInputIdle.open()
                : os.startsWith("mac") ? MacInputIdle.open()
                : X11InputIdle.open();
        found = found.filter(source -> source.idle().isPresent());
        if (found.isEmpty()) {
            log.info("The desktop does not report input idle time here; away is set from this app's own input");
        }
        return found;
    }

    /** The X11 source alone, for a test on a virtual display. */
    static Optional<InputIdle> x11() {
        return X11InputIdle.open();
    }
}
