package org.lanchat.client.desktop;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.time.Duration;
import java.util.Optional;
import org.lanchat.client.viewmodel.InputIdle;

/**
 * The idle time of the macOS session: CoreGraphics' {@code CGEventSourceSecondsSinceLastEventType} for the combined
 * session state and any input event type.
 */
final class MacInputIdle implements InputIdle {
    /** {@code kCGEventSourceStateCombinedSessionState}. */
    private static final int COMBINED_SESSION = 0;
    /** {@code kCGAnyInputEventType}: ~0 as a 32-bit {@code CGEventType}. */
    private static final int ANY_INPUT = -1;

    interface CoreGraphics extends Library {
        double CGEventSourceSecondsSinceLastEventType(int sourceStateId, int eventType);
    }

    private final CoreGraphics graphics;

    private MacInputIdle(CoreGraphics graphics) {
        this.graphics = graphics;
    }

    static Optional<InputIdle> open() {
        try {
            return Optional.of(new MacInputIdle(Native.load("CoreGraphics", CoreGraphics.class)));
        } catch (LinkageError | RuntimeException e) { // no native library, or JNA itself missing: no idle time, not no client
            return Optional.empty();
        }
    }

    @Override
    public Optional<Duration> idle() {
        double seconds = graphics.CGEventSourceSecondsSinceLastEventType(COMBINED_SESSION, ANY_INPUT);
        return seconds < 0 || Double.isNaN(seconds) ? Optional.empty() : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
    }
}
