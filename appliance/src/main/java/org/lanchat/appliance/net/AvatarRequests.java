package org.lanchat.appliance.net;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.lanchat.appliance.account.UserDirectory;
import org.lanchat.appliance.avatar.AvatarImage;
import org.lanchat.appliance.avatar.AvatarService.UserAvatar;
import org.lanchat.appliance.core.HeavyWork;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.limits.ProfileLimits;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ProfileMessage.Avatar;
import org.lanchat.protocol.message.ProfileRequest.GetAvatar;
import org.lanchat.protocol.message.ProfileRequest.SetAvatar;
import org.lanchat.protocol.message.SessionMessage.Ok;

/**
 * {@code set_avatar} and {@code get_avatar} (PROTOCOL §7.9), both blocking. A new avatar is a picture to decode,
 * so they are rate-limited per account. Shared by every connection.
 */
public final class AvatarRequests {
    private final Function<String, Optional<UserDirectory.Entry>> users;
    private final BiFunction<Long, String, UserAvatar> avatarOf;
    private final BiConsumer<HeavyWork.Owner, byte[]> store;
    private final ProfileLimits limits;

    /**
     * @param users    a user by name, ignoring case (the directory)
     * @param avatarOf a user's avatar, or the one generated for them
     * @param store    checks, converts and stores an upload for a user; throws {@link Refused}
     * @param limits   how many new avatars one account may set
     */
    public AvatarRequests(Function<String, Optional<UserDirectory.Entry>> users,
                          BiFunction<Long, String, UserAvatar> avatarOf, BiConsumer<HeavyWork.Owner, byte[]> store, ProfileLimits limits) {
        this.users = users;
        this.avatarOf = avatarOf;
        this.store = store;
        this.limits = limits;
    }

    void set(SetAvatar request, Identity me, Connection connection, RequestRunner runner) {
        if (!connection.passes(request.id(), () -> limits.admitAvatar(me.userId(), connection.address()))) {
            return;
        }
        runner.reply(request.id(), () -> {
            store.accept(new HeavyWork.Owner(me.userId(), connection.address()), request.image());
            return new Ok(request.id());
        });
    }

    void get(GetAvatar request, RequestRunner runner) {
        runner.reply(request.id(), () -> {
            UserDirectory.Entry user = users.apply(request.username()).orElseThrow(() ->
                    new Refused(ErrorCode.UNKNOWN_RECIPIENT, "there is no user called '" + request.username() + "'"));
            UserAvatar avatar = avatarOf.apply(user.id(), user.username());
            AvatarImage image = avatar.image();
            boolean unchanged = image.sha256().equals(request.ifNoneMatch());
            return new Avatar(request.id(), user.username(), image.sha256(), image.contentType(),
                    unchanged ? null : image.png(), avatar.generated());
        });
    }
}
