package org.lanchat.appliance.avatar;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.lanchat.appliance.core.HeavyWork;
import org.lanchat.appliance.store.AvatarStore;
import org.lanchat.appliance.store.AvatarStore.StoredAvatar;

/** Stores processed uploads and serves each user's avatar, generated when they have none. Blocking. */
public final class AvatarService {
    /** What {@code get_avatar} returns. */
    public record UserAvatar(AvatarImage image, boolean generated) {
    }

    /**
     * The accounts of avatars sent with {@code register}, before the account exists: each registration one of its own,
     * negative as no real id is. One shared id would have let two registrations anywhere hold every place an account
     * may.
     */
    private static final AtomicLong REGISTERING = new AtomicLong();

    private final AvatarStore store;
    private final AvatarProcessor processor;
    private final DefaultAvatars defaults;
    private final LongSupplier clock;

    public AvatarService(AvatarStore store, AvatarProcessor processor, DefaultAvatars defaults, LongSupplier clock) {
        this.store = store;
        this.processor = processor;
        this.defaults = defaults;
        this.clock = clock;
    }

    /**
     * Checks and converts an upload without storing it (registration stores it once the account exists), in the turn
     * of the computer at {@code address}, within its share.
     */
    public AvatarImage process(byte[] upload, String address) {
        return processor.process(upload, new HeavyWork.Owner(REGISTERING.decrementAndGet(), address));
    }

    public void save(long userId, AvatarImage image) {
        store.put(userId, new StoredAvatar(image.contentType(), image.sha256(), image.png()), clock.getAsLong());
    }

    /** Checks, converts and stores {@code owner}'s new avatar. */
    public AvatarImage set(HeavyWork.Owner owner, byte[] upload) {
        AvatarImage image = processor.process(upload, owner);
        save(owner.account(), image);
        return image;
    }

    public UserAvatar of(long userId, String username) {
        return store.find(userId)
                .map(s -> new UserAvatar(new AvatarImage(s.contentType(), s.sha256(), s.image()), false))
                .orElseGet(() -> new UserAvatar(defaults.forUser(username), true));
    }
}
