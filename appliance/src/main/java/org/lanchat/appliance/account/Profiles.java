package org.lanchat.appliance.account;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.store.UserStore;
import org.lanchat.appliance.store.UserStore.ShownName;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ProfileMessage.UserProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Display names (PROTOCOL §7.17): setting one, after {@link DisplayNames} has checked it and the store has found
 * it unlike every other name shown, and looking them up. History keeps no names, only who sent what, so a
 * changed name shows on old messages too. Every method may block on the database: call off the I/O threads.
 */
public final class Profiles {
    private static final Logger log = LoggerFactory.getLogger(Profiles.class);

    private final UserStore users;
    private final UserDirectory directory;
    private final Lock[] perUser = new Lock[64];

    public Profiles(UserStore users, UserDirectory directory) {
        this.users = users;
        this.directory = directory;
        Arrays.setAll(perUser, i -> new ReentrantLock());
    }

    /**
     * Sets the user's display name, or clears it for null or blank.
     *
     * @return the name as stored (normalized), empty when cleared
     * @throws Refused {@code invalid_display_name} or {@code display_name_taken}
     */
    public Optional<String> set(long userId, String requested) {
        ShownName shown = DisplayNames.check(requested);
        // One user's changes one at a time: two of them at once replace the same rows, and the database refuses the
        // second transaction (or its unique key calls the user's own name taken).
        Lock lock = perUser[(int) Math.floorMod(userId, (long) perUser.length)];
        lock.lock();
        try {
            if (!users.setDisplayName(userId, shown)) {
                throw new Refused(ErrorCode.DISPLAY_NAME_TAKEN, DisplayNames.TAKEN);
            }
            directory.setDisplayName(userId, shown.name());
        } finally {
            lock.unlock();
        }
        log.info("User {} {} their display name", directory.nameOf(userId), shown.name() == null ? "cleared" : "set");
        return Optional.ofNullable(shown.name());
    }

    /** The users asked about that exist, each once, in the order first asked, with their canonical names. */
    public List<UserProfile> lookUp(List<String> usernames) {
        List<UserProfile> found = new ArrayList<>();
        LinkedHashSet<Long> seen = new LinkedHashSet<>();
        for (String name : usernames) {
            directory.byName(name).filter(entry -> seen.add(entry.id())).ifPresent(entry ->
                    found.add(new UserProfile(entry.username(), directory.displayNameOf(entry.id()).orElse(null))));
        }
        return found;
    }
}
