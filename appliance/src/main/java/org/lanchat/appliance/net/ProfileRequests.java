package org.lanchat.appliance.net;

import java.util.Optional;
import org.lanchat.appliance.account.Profiles;
import org.lanchat.appliance.limits.ProfileLimits;
import org.lanchat.appliance.relay.MessageRouter;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileMessage.Profile;
import org.lanchat.protocol.message.ProfileRequest.ProfilesRequest;
import org.lanchat.protocol.message.ProfileRequest.SetProfile;

/**
 * {@code set_profile} and {@code get_profiles} (PROTOCOL §7.17), both blocking. A name set is announced to
 * every connection, this one's included, once stored, so changes are rate-limited per account. Shared by every
 * connection.
 */
public final class ProfileRequests {
    private final Profiles profiles;
    private final MessageRouter router;
    private final ProfileLimits limits;

    public ProfileRequests(Profiles profiles, MessageRouter router, ProfileLimits limits) {
        this.profiles = profiles;
        this.router = router;
        this.limits = limits;
    }

    void set(SetProfile request, Identity me, Connection connection, RequestRunner runner) {
        if (!connection.passes(request.id(), () -> limits.admitChange(me.userId(), connection.address()))) {
            return;
        }
        runner.reply(request.id(), () -> {
            Optional<String> stored = profiles.set(me.userId(), request.displayName());
            router.announceProfile(me.userId(), me.username(), stored.orElse(null));
            return new Profile(request.id(), me.username(), stored.orElse(null));
        });
    }

    void get(ProfilesRequest request, RequestRunner runner) {
        runner.reply(request.id(), () -> new ProfileMessage.Profiles(request.id(),
                profiles.lookUp(request.usernames())));
    }
}
