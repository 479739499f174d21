package org.lanchat.client.desktop;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.time.Duration;
import java.util.Optional;
import org.lanchat.client.viewmodel.InputIdle;

/**
 * The idle time of the whole X display, from the MIT-SCREEN-SAVER extension ({@code XScreenSaverQueryInfo} in
 * libXss): the X server's own count since the last key or pointer event in any application. JNA's platform
 * library does not map libXss, so the three calls used are mapped here. The display connection is opened once and
 * kept; queries are a round trip to the X server, well under a millisecond.
 */
final class X11InputIdle implements InputIdle {
    /** The few libX11 calls needed. */
    interface X11 extends Library {
        Pointer XOpenDisplay(String name);

        NativeLong XDefaultRootWindow(Pointer display);

        int XCloseDisplay(Pointer display);
    }

    /** The few libXss calls needed. */
    interface Xss extends Library {
        boolean XScreenSaverQueryExtension(Pointer display, int[] eventBase, int[] errorBase);

        int XScreenSaverQueryInfo(Pointer display, NativeLong drawable, Info info);
    }

    /** {@code XScreenSaverInfo}, of which only {@code idle} (milliseconds) is read. */
    @Structure.FieldOrder({"window", "state", "kind", "til_or_since", "idle", "eventMask"})
    public static final class Info extends Structure {
        public NativeLong window;
        public int state;
        public int kind;
        public NativeLong til_or_since;
        public NativeLong idle;
        public NativeLong eventMask;
    }

    private final Xss xss;
    private final Pointer display;
    private final NativeLong root;

    private X11InputIdle(Xss xss, Pointer display, NativeLong root) {
        this.xss = xss;
        this.display = display;
        this.root = root;
    }

    /** The source for the display in {@code DISPLAY}; empty without a display, libXss or the extension. */
    static Optional<InputIdle> open() {
        try {
            X11 x11 = Native.load("X11", X11.class);
            Xss xss = Native.load("Xss", Xss.class);
            Pointer display = x11.XOpenDisplay(null);
            if (display == null) {
                return Optional.empty();
            }
            if (!xss.XScreenSaverQueryExtension(display, new int[1], new int[1])) {
                x11.XCloseDisplay(display);
                return Optional.empty();
            }
            return Optional.of(new X11InputIdle(xss, display, x11.XDefaultRootWindow(display)));
        } catch (LinkageError | RuntimeException e) { // no libX11/libXss, or JNA itself missing: no idle time, not no client
            return Optional.empty();
        }
    }

    @Override
    public synchronized Optional<Duration> idle() {
        Info info = new Info();
        if (xss.XScreenSaverQueryInfo(display, root, info) == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(info.idle.longValue()));
    }
}
