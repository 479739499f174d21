package org.lanchat.client.viewmodel;

import java.time.Duration;
import java.util.Optional;

/**
 * How long the user has not touched keyboard or mouse, on the whole desktop where the system can say (the X
 * screen saver extension, Windows' last-input time, macOS's event source), else in this app alone. Read on the UI
 * thread every few seconds: implementations answer at once.
 */
@FunctionalInterface
public interface InputIdle {
    /** The time since the last input; empty when this source cannot tell (no display, library missing). */
    Optional<Duration> idle();
}
