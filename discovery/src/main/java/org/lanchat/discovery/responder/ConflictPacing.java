package org.lanchat.discovery.responder;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How long to wait before probing again after a conflict (RFC 6762 §8.1): at once, until fifteen conflicts came within
 * ten seconds; from then on five seconds before each further attempt, until a probe wins the names. The RFC's "each
 * successive additional probe attempt" holds after the window of the first fifteen has passed too: a device that
 * answers every probe would otherwise get a burst of fifteen every ten seconds for as long as it keeps at it.
 * Used on the responder's thread only.
 */
final class ConflictPacing {
    static final int BURST = 15;
    static final long WINDOW_MS = 10_000;
    static final long PAUSE_MS = 5000;

    private final Deque<Long> recent = new ArrayDeque<>();
    private boolean pacing;

    /** Counts a conflict at {@code nowMillis}; returns how long to wait before the next probe. */
    long conflicted(long nowMillis) {
        recent.addLast(nowMillis);
        while (nowMillis - recent.peekFirst() > WINDOW_MS) {
            recent.removeFirst();
        }
        pacing |= recent.size() >= BURST;
        return pacing ? PAUSE_MS : 0;
    }

    /** The names were won: the next conflict is probed again at once (unless fifteen are still within the window). */
    void won() {
        pacing = false;
    }
}
