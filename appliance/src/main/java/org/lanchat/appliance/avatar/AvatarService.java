package org.lanchat.appliance.avatar;

import java.util.function.LongSupplier;
import org.lanchat.appliance.store.AvatarStore;
import org.lanchat.appliance.store.AvatarStore.StoredAvatar;

/** Stores processed uploads and serves each user's avatar, generated when they have none. Blocking. */
public final class AvatarService {
    /** What {@code get_avatar} returns. */
    public record UserAvatar(AvatarImage image, boolean generated) {
    }

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

    /** Checks and converts an upload without storing it (registration stores it once the account exists). */
    public AvatarImage process(byte[] upload) {
        return processor.process(upload);
    }

    public void save(long userId, AvatarImage image) {
        store.put(userId, new StoredAvatar(image.contentType(), image.sha256(), image.png()), clock.getAsLong());
    }

    public AvatarImage set(long userId, byte[] upload) {
        AvatarImage image = processor.process(upload);
        save(userId, image);
        return image;
    }

    public UserAvatar of(long userId, String username) {
        return store.find(userId)
                .map(s -> new UserAvatar(new AvatarImage(s.contentType(), s.sha256(), s.image()), false))
                .orElseGet(() -> new UserAvatar(defaults.forUser(username), true));
    }
}
