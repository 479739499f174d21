package org.lanchat.discovery.responder;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * How long to wait before probing again after a conflict (RFC 6762 §8.1): the random 0-250 ms that precedes any probing,
 * until fifteen conflicts came within ten seconds; from then on five seconds before each further attempt, until a probe
 * wins the names. The random part keeps two hosts that lost the same names at the same moment from probing in step. The RFC's "each
 * successive additional probe attempt" holds after the window of the first fifteen has passed too: a device that
 * answers every probe would otherwise get a burst of fifteen every ten seconds for as long as it keeps at it.
 * Used on the responder's thread only.
 */
final class ConflictPacing {
    static final int BURST = 15;
    static final long WINDOW_MS = 10_000;
    static final long PAUSE_MS = 5000;
    static final long RANDOM_DELAY_MS = 250;

    private final RandomGenerator random;
    private final Deque<Long> recent = new ArrayDeque<>();
    private boolean pacing;

    ConflictPacing(RandomGenerator random) {
        this.random = random;
    }

    /** Counts a conflict at {@code nowMillis}; returns how long to wait before the next probe. */
    long conflicted(long nowMillis) {
        recent.addLast(nowMillis);
        while (nowMillis - recent.peekFirst() > WINDOW_MS) {
            recent.removeFirst();
        }
        pacing |= recent.size() >= BURST;
        return pacing ? PAUSE_MS : random.nextLong(RANDOM_DELAY_MS);
    }

    /** The names were won: the next conflict is probed again soon (unless fifteen are still within the window). */
    void won() {
        pacing = false;
    }
}
