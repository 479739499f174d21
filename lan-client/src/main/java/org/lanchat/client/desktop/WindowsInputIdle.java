package org.lanchat.client.desktop;

import com.sun.jna.Native;
import com.sun.jna.Structure;
import com.sun.jna.win32.StdCallLibrary;
import java.time.Duration;
import java.util.Optional;
import org.lanchat.client.viewmodel.InputIdle;

/**
 * The idle time of the Windows session: {@code GetLastInputInfo} (user32) against {@code GetTickCount} (kernel32),
 * both 32-bit millisecond counters that wrap after 49.7 days, so the difference is taken modulo 2³². Mapped here:
 * two calls do not need all of JNA's platform library.
 */
final class WindowsInputIdle implements InputIdle {
    interface User32 extends StdCallLibrary {
        boolean GetLastInputInfo(LastInputInfo info);
    }

    interface Kernel32 extends StdCallLibrary {
        int GetTickCount();
    }

    /** {@code LASTINPUTINFO}. */
    @Structure.FieldOrder({"cbSize", "dwTime"})
    public static final class LastInputInfo extends Structure {
        public int cbSize = 8; // two DWORDs
        public int dwTime;
    }

    private final User32 user32;
    private final Kernel32 kernel32;

    private WindowsInputIdle(User32 user32, Kernel32 kernel32) {
        this.user32 = user32;
        this.kernel32 = kernel32;
    }

    static Optional<InputIdle> open() {
        try {
            return Optional.of(new WindowsInputIdle(Native.load("user32", User32.class), Native.load("kernel32", Kernel32.class)));
        } catch (LinkageError | RuntimeException e) { // no native library, or JNA itself missing: no idle time, not no client
            return Optional.empty();
        }
    }

    @Override
    public Optional<Duration> idle() {
        LastInputInfo info = new LastInputInfo();
        if (!user32.GetLastInputInfo(info)) {
            return Optional.empty();
        }
        long since = Integer.toUnsignedLong(kernel32.GetTickCount() - info.dwTime);
        return Optional.of(Duration.ofMillis(since));
    }
}
