package org.lanchat.appliance.relay;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.lanchat.protocol.message.Usernames;

/**
 * Each account's presence state (PROTOCOL §7.20), in memory, by login name: what {@code roster} and
 * {@code presence} show, read on every announcement without waiting on the database. Loaded from the store at
 * start and kept current by {@code set_presence} here and by other members' announcements; the store has the
 * truth. Only accounts with a state other than the default are held. Thread-safe.
 */
public final class PresenceStates {
    private final ConcurrentHashMap<String, UserState> byKey = new ConcurrentHashMap<>();
    /** Counts changes, so a roster encoded with these states knows when it is stale. */
    private final AtomicLong version = new AtomicLong();

    public PresenceStates() {
    }

    /** @param stored the stored states by login name ({@link org.lanchat.appliance.store.PresenceStore#all}) */
    public PresenceStates(Map<String, UserState> stored) {
        stored.forEach(this::set);
    }

    /** Records a state the store has saved. */
    public void set(String username, UserState state) {
        String key = Usernames.key(username);
        UserState before = state.isDefault() ? byKey.remove(key) : byKey.put(key, state);
        if (!state.equals(before == null ? UserState.DEFAULT : before)) {
            version.incrementAndGet();
        }
    }

    /** The user's state when it is not the default. */
    public Optional<UserState> chosen(String username) {
        return Optional.ofNullable(byKey.get(Usernames.key(username)));
    }

    /** The user's state, the default included. */
    public UserState of(String username) {
        return chosen(username).orElse(UserState.DEFAULT);
    }

    /** Changes whenever a state held here does. */
    public long version() {
        return version.get();
    }
}
