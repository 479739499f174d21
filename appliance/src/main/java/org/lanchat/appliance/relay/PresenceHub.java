package org.lanchat.appliance.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.lanchat.protocol.message.ServerMessage.Presence;

/**
 * Who is online, announced in coalesced steps. Sessions come and go continuously; {@link #flush} (run
 * every {@code presence interval}) compares who is online now (as the registry of connections says at
 * that moment) with what was last announced and yields one {@code presence} event with the
 * difference. A login storm of thousands therefore costs each client a few events, not one per login,
 * and a user who drops and reconnects within the interval causes none.
 *
 * <p>{@link #roster()} answers from the last announced state, so a roster plus the presence events that
 * follow it always add up.
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

    public RosterSnapshot roster() {
        return roster;
    }

    /** Announces {@code online} as who is online now: the change since the last flush, or null when nothing changed. */
    public Presence flush(Collection<String> online) {
        synchronized (announceLock) {
            TreeSet<String> now = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            now.addAll(online);
            List<String> joined = new ArrayList<>();
            List<String> left = new ArrayList<>();
            for (String name : now) {
                if (!announced.contains(name)) {
                    joined.add(name);
                }
            }
            for (String name : announced) {
                if (!now.contains(name)) {
                    left.add(name);
                }
            }
            if (joined.isEmpty() && left.isEmpty()) {
                return null;
            }
            announced = now;
            roster = new RosterSnapshot(new ArrayList<>(now), now.size());
            return new Presence(joined, left, now.size());
        }
    }
}
