package org.lanchat.client.core;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.Usernames;

/**
 * Avatars by user: fetched once, then served from memory until the user comes online again (they may have
 * chosen another picture meanwhile); then asked again with the cached hash, so an unchanged picture is not
 * sent twice (PROTOCOL.md §7.9). Concurrent asks for one user share one request. Confined to the client's loop.
 */
final class AvatarCache {
    private final Requests requests;
    private final Map<String, AvatarImage> avatars = new HashMap<>();
    private final Set<String> fresh = new HashSet<>();
    private final Map<String, CompletableFuture<AvatarImage>> inFlight = new HashMap<>();

    AvatarCache(Requests requests) {
        this.requests = requests;
    }

    CompletableFuture<AvatarImage> get(String username) {
        String key = Usernames.key(username);
        AvatarImage cached = avatars.get(key);
        if (cached != null && fresh.contains(key)) {
            return CompletableFuture.completedFuture(cached);
        }
        CompletableFuture<AvatarImage> asked = inFlight.get(key);
        if (asked != null) {
            return asked;
        }
        CompletableFuture<AvatarImage> fetched = requests.request(
                        id -> new ProfileRequest.GetAvatar(id, username, cached == null ? null : cached.hash()),
                        ProfileMessage.Avatar.class)
                .thenApply(reply -> {
                    AvatarImage image = reply.image() == null && cached != null ? cached
                            : new AvatarImage(reply.username() == null ? username : reply.username(), reply.hash(),
                                    reply.contentType(), reply.image(), reply.generated());
                    avatars.put(key, image);
                    fresh.add(key);
                    return image;
                });
        inFlight.put(key, fetched);
        fetched.whenComplete((image, failure) -> inFlight.remove(key));
        return fetched;
    }

    /** The user came online: their picture may have changed since it was fetched. */
    void stale(String username) {
        fresh.remove(Usernames.key(username));
    }
}
