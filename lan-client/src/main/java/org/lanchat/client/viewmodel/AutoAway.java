package org.lanchat.client.viewmodel;

import java.time.Duration;
import java.util.Optional;
import org.lanchat.protocol.message.PresenceState;

/**
 * When to go away by itself and when to come back (PROTOCOL.md §7.20): away once input has been idle for
 * {@link #after}, available again on the first input after that, but only if it was this policy that set away.
 * A state the user chose (busy, or away on purpose) is never overridden, and choosing any state cancels an
 * automatic away. Pure: the caller reads the idle time and applies the answer. Not thread-safe (UI thread).
 */
public final class AutoAway {
    /** How long without input before away, unless the user set another time. */
    public static final Duration DEFAULT_AFTER = Duration.ofMinutes(10);

    private Duration after;
    private boolean automatic;

    public AutoAway(Duration after) {
        this.after = after;
    }

    /** A new idle time; applies from the next check. {@link Duration#ZERO} turns automatic away off. */
    public void after(Duration next) {
        after = next;
    }

    public Duration after() {
        return after;
    }

    /** Whether the current away is the policy's doing, so the user's return may end it. */
    public boolean isAutomatic() {
        return automatic;
    }

    /** The user chose a state themself: whatever it is, it is theirs, and returning does not change it. */
    public void chosen() {
        automatic = false;
    }

    /**
     * The state to switch to now, if any.
     *
     * @param idle    time since the user's last input
     * @param current the user's state as shown now
     */
    public Optional<PresenceState> check(Duration idle, PresenceState current) {
        boolean off = after.isZero() || after.isNegative();
        if (automatic) {
            if (current != PresenceState.AWAY) {
                automatic = false; // changed elsewhere meanwhile (another device, the user): no longer ours to end
                return Optional.empty();
            }
            if (off || idle.compareTo(after) < 0) {
                automatic = false;
                return Optional.of(PresenceState.AVAILABLE);
            }
            return Optional.empty();
        }
        if (!off && current == PresenceState.AVAILABLE && idle.compareTo(after) >= 0) {
            automatic = true;
            return Optional.of(PresenceState.AWAY);
        }
        return Optional.empty();
    }
}
