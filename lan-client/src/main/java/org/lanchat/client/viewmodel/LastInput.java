package org.lanchat.client.viewmodel;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The idle time as this app alone sees it: since the last key or mouse event in one of its windows. The fallback
 * where the desktop cannot say (Wayland without an idle protocol we speak, no X screen saver extension): it takes
 * time spent in other applications for idleness, so it errs towards away. Thread-safe.
 */
public final class LastInput implements InputIdle {
    private final LongSupplier nanoTime;
    private volatile long last;

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}; a test moves its own) */
    public LastInput(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.last = nanoTime.getAsLong();
    }

    /** A key or mouse event reached one of the app's windows. */
    public void touched() {
        last = nanoTime.getAsLong();
    }

    @Override
    public Optional<Duration> idle() {
        return Optional.of(Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - last)));
    }
}
