package org.lanchat.appliance.limits;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The file descriptors clients hold, counted against one cap ({@code --max-connections}, by default from
 * {@link OpenFiles}): one per connection, and one more per raw transfer connection for the file it keeps open while it
 * lasts. Counting connections alone let unread raw downloads, two descriptors each, run the process out of descriptors
 * below the cap: accepting failed, and so did every login and every file the appliance opened. Thread-safe.
 */
public final class Descriptors {
    private final int cap;
    private final AtomicInteger held = new AtomicInteger();

    public Descriptors(int cap) {
        this.cap = cap;
    }

    /** The most held at once: what {@code --max-connections} says. */
    public int cap() {
        return cap;
    }

    /** A connection was accepted: counts its socket and returns how many are held now, its own included. */
    public int connectionOpened() {
        return held.incrementAndGet();
    }

    /** For a transfer's file: takes one if fewer than the cap are held, and says whether it did. */
    public boolean tryTakeForFile() {
        while (true) {
            int now = held.get();
            if (now >= cap) {
                return false;
            }
            if (held.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** A socket closed, or a transfer's file. */
    public void released() {
        held.decrementAndGet();
    }

    public int held() {
        return held.get();
    }
}
