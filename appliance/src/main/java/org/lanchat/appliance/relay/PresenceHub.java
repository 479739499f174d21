package org.lanchat.appliance.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.lanchat.protocol.message.ProfileMessage.Presence;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/**
 * Who is online, announced in coalesced steps. Sessions come and go continuously; {@link #flush} (run
 * every {@code presence interval}) compares who is online now (as the registry of connections says at
 * that moment) with what was last announced and yields one {@code presence} event with the
 * difference. A login storm of thousands therefore costs each client a few events, not one per login,
 * and a user who drops and reconnects within the interval causes none.
 *
 * <p>{@link #roster()} answers from the last announced state, so a roster plus the presence events that
 * follow it always add up.
 *
 * <p>A changed presence state (§7.20) takes the same path: {@link #restated} notes the user, and the next flush
 * carries their state, once, however often it changed meanwhile. A client's automatic away coming and going
 * therefore costs the others one event per interval at most, batched with the comings and goings.
 */
public final class PresenceHub {
    /** A snapshot of the announced roster. */
    public record RosterSnapshot(List<String> users, int count) {
        public RosterSnapshot {
            users = List.copyOf(users);
        }
    }

    private final Object announceLock = new Object();
    private TreeSet<String> announced = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private volatile RosterSnapshot roster = new RosterSnapshot(List.of(), 0);
    /** Users whose state changed since the last flush, by login name. */
    private final Set<String> restated = ConcurrentHashMap.newKeySet();

    public RosterSnapshot roster() {
        return roster;
    }

    /** Whether a state changed since the last flush, which the next flush must announce even if nobody came or went. */
    public boolean hasRestated() {
        return !restated.isEmpty();
    }

    /** Notes that the user's presence state changed: the next flush announces it if they are online. */
    public void restated(String username) {
        restated.add(username);
    }

    /** Announces {@code online} as who is online now: the change since the last flush, or null when nothing changed. */
    public Presence flush(Collection<String> online) {
        return flush(online, new PresenceStates());
    }

    /**
     * Announces {@code online} as who is online now, with the states of those who joined (when not the default)
     * and of those online who {@link #restated} since: the change since the last flush, or null when nothing changed.
     */
    public Presence flush(Collection<String> online, PresenceStates states) {
        synchronized (announceLock) {
            TreeSet<String> now = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            now.addAll(online);
            List<String> joined = new ArrayList<>();
            List<String> left = new ArrayList<>();
            Map<String, UserState> shown = new TreeMap<>();
            for (String name : now) {
                if (!announced.contains(name)) {
                    joined.add(name);
                    states.chosen(name).ifPresent(state -> shown.put(name, state));
                }
            }
            for (String name : announced) {
                if (!now.contains(name)) {
                    left.add(name);
                }
            }
            for (String name : List.copyOf(restated)) {
                restated.remove(name);
                if (now.contains(name)) {
                    shown.put(now.ceiling(name), states.of(name));
                }
            }
            if (joined.isEmpty() && left.isEmpty()) {
                return shown.isEmpty() ? null : new Presence(List.of(), List.of(), now.size(), Map.of(), shown);
            }
            announced = now;
            roster = new RosterSnapshot(new ArrayList<>(now), now.size());
            return new Presence(joined, left, now.size(), Map.of(), shown);
        }
    }
}
