package org.lanchat.appliance.limits;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * At most a number of events per key in any window of a fixed length, sliding: how registrations per address and
 * invitations of one user by one account are limited (docs/PROTOCOL.md §7.11). Times are in whatever unit the caller's
 * clock counts, the window's length in the same. Keys with nothing left in the window are dropped once there are many,
 * so a stream of new addresses or pairs does not grow the map for ever.
 */
final class SlidingWindow<K> {
    private static final int KEYS_BEFORE_SWEEP = 10_000;

    private final long length;
    /** The times of the events in the window, oldest first, per key. */
    private final Map<K, Deque<Long>> recent = new HashMap<>();

    SlidingWindow(long length) {
        this.length = length;
    }

    /** Counts an event at {@code now}: empty if it fits within {@code limit}, else how long until the oldest leaves. */
    synchronized OptionalLong take(K key, int limit, long now) {
        if (recent.size() > KEYS_BEFORE_SWEEP) {
            recent.values().removeIf(times -> times.isEmpty() || now - times.peekLast() >= length);
        }
        Deque<Long> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= length) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return OptionalLong.of(Math.max(1, times.peekFirst() + length - now));
        }
        times.addLast(now);
        return OptionalLong.empty();
    }

    /** Takes back the event counted at {@code takenAt}: it did not happen after all. */
    synchronized void giveBack(K key, long takenAt) {
        Deque<Long> times = recent.get(key);
        if (times != null) {
            times.removeLastOccurrence(takenAt);
            if (times.isEmpty()) {
                recent.remove(key);
            }
        }
    }
}
