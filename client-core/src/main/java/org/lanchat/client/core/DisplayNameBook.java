package org.lanchat.client.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.Usernames;

/**
 * Display names by user (PROTOCOL.md §7.17), as the appliance last told: from the roster and presence, from
 * {@code profile} events, and asked with {@code get_profiles} for anyone else (the sender of an old message).
 * Messages carry login names only, so showing the current name here is what makes a change show on the whole
 * history. Forgotten at each session start: {@code profile} events are not kept for a client that was away.
 * Confined to the client's loop.
 */
final class DisplayNameBook {
    /** Key: name key; value: the display name, or empty for a user known to have none. */
    private final Map<String, Optional<String>> known = new HashMap<>();
    private final Requests requests;

    DisplayNameBook(Requests requests) {
        this.requests = requests;
    }

    /** Whatever the appliance said of these users: each listed user absent from {@code displayNames} has none. */
    void learned(Collection<String> listed, Map<String, String> displayNames) {
        for (String user : listed) {
            known.put(Usernames.key(user), Optional.ofNullable(displayNames.get(user)));
        }
    }

    /** @return whether this changes what was known */
    boolean changed(String username, String displayName) {
        Optional<String> now = Optional.ofNullable(displayName);
        return !now.equals(known.put(Usernames.key(username), now));
    }

    void forget() {
        known.clear();
    }

    /** The display names of these users, keyed as given, asking the appliance about those not known yet. */
    CompletableFuture<Map<String, Optional<String>>> of(Collection<String> usernames) {
        List<String> unknown = usernames.stream().filter(user -> !known.containsKey(Usernames.key(user)))
                .distinct().toList();
        CompletableFuture<Void> asked = CompletableFuture.completedFuture(null);
        for (int from = 0; from < unknown.size(); from += ProfileRequest.MAX_PROFILES_ASKED) {
            List<String> batch = unknown.subList(from, Math.min(unknown.size(), from + ProfileRequest.MAX_PROFILES_ASKED));
            asked = asked.thenCompose(v -> requests.request(id -> new ProfileRequest.ProfilesRequest(id, batch),
                    ProfileMessage.Profiles.class).thenAccept(reply -> {
                        for (String user : batch) {
                            known.putIfAbsent(Usernames.key(user), Optional.empty()); // no such user: shown as typed
                        }
                        for (ProfileMessage.UserProfile profile : reply.profiles()) {
                            known.put(Usernames.key(profile.username()), Optional.ofNullable(profile.displayName()));
                        }
                    }));
        }
        return asked.thenApply(v -> {
            Map<String, Optional<String>> names = new LinkedHashMap<>();
            for (String user : usernames) {
                names.put(user, known.getOrDefault(Usernames.key(user), Optional.empty()));
            }
            return names;
        });
    }
}
