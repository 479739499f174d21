package org.lanchat.appliance.account;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.lanchat.appliance.store.UserRecord;
import org.lanchat.appliance.store.UserStore;
import org.lanchat.protocol.message.Usernames;

/**
 * Who is who, in memory: user id to login name and back, and display names. Loaded once at start and kept current by
 * registrations, so relaying never waits on the database; a miss falls back to the database (another
 * appliance sharing it may have registered the user).
 */
public final class UserDirectory {
    /** A user as the relay needs them. */
    public record Entry(long id, String username) {
    }

    private final UserStore users;
    private final ConcurrentHashMap<Long, Entry> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry> byKey = new ConcurrentHashMap<>();
    /** Display names (§7.17) of the accounts in {@link #byId} that have one: absent here means none. */
    private final ConcurrentHashMap<Long, String> displayNames = new ConcurrentHashMap<>();
    /** Counts changes to {@link #displayNames}, so a roster encoded with them knows when it is stale. */
    private final AtomicLong displayNamesVersion = new AtomicLong();
    /** Accounts an administrator disabled: they cannot log in, and nobody can send them private messages. */
    private final Set<Long> disabled = ConcurrentHashMap.newKeySet();

    public UserDirectory(UserStore users) {
        this.users = users;
    }

    public void loadAll() {
        users.all().forEach(this::add);
    }

    public void add(UserRecord user) {
        Entry entry = new Entry(user.id(), user.username());
        byId.put(entry.id(), entry);
        byKey.put(Usernames.key(entry.username()), entry);
        setDisplayName(user.id(), user.displayName());
        setDisabled(user.id(), user.disabled());
    }

    /** Records a display name the store has accepted; null for none. */
    public void setDisplayName(long id, String displayName) {
        String before = displayName == null ? displayNames.remove(id) : displayNames.put(id, displayName);
        if (!Objects.equals(before, displayName)) {
            displayNamesVersion.incrementAndGet();
        }
    }

    /** Changes whenever a display name this directory holds does. */
    public long displayNamesVersion() {
        return displayNamesVersion.get();
    }

    /**
     * The user's display name, if they have one, from memory for an account this directory holds: use it for
     * users known to be online. For anyone, {@link #byName} first.
     */
    public Optional<String> displayNameOf(long id) {
        return Optional.ofNullable(displayNames.get(id));
    }

    /** The display name of a user by login name, from memory only; empty for an unknown name or none set. */
    public Optional<String> cachedDisplayName(String name) {
        return cachedByName(name).flatMap(entry -> displayNameOf(entry.id()));
    }

    public void setDisabled(long id, boolean isDisabled) {
        if (isDisabled) {
            disabled.add(id);
        } else {
            disabled.remove(id);
        }
    }

    /** Whether the account is disabled, as of its last load or the administrator's last change. */
    public boolean isDisabled(long id) {
        return disabled.contains(id);
    }

    /** Looks a name up ignoring case. May query the database: do not call on an I/O thread on a miss. */
    public Optional<Entry> byName(String name) {
        if (!Usernames.hasValidShape(name)) {
            return Optional.empty();
        }
        Entry cached = byKey.get(Usernames.key(name));
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<UserRecord> stored = users.findByKey(Usernames.key(name));
        stored.ifPresent(this::add);
        return stored.map(u -> new Entry(u.id(), u.username()));
    }

    /** The cached entry for a name, without touching the database. */
    public Optional<Entry> cachedByName(String name) {
        return Usernames.hasValidShape(name) ? Optional.ofNullable(byKey.get(Usernames.key(name))) : Optional.empty();
    }

    public String nameOf(long id) {
        Entry cached = byId.get(id);
        if (cached != null) {
            return cached.username();
        }
        return users.findById(id).map(u -> {
            add(u);
            return u.username();
        }).orElse("unknown-" + id);
    }

    public int size() {
        return byId.size();
    }
}
