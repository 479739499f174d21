package org.lanchat.client.view;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.image.Image;
import org.lanchat.client.core.AvatarImage;
import org.lanchat.client.core.ChatClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' pictures for one window, decoded once per user and shared by every row that shows them (messages,
 * the roster, the conversation list). Until a picture is there, and when it cannot be had, the row shows
 * the drawn initial.
 */
final class AvatarImages {
    private static final Logger log = LoggerFactory.getLogger(AvatarImages.class);

    private final Function<String, CompletableFuture<AvatarImage>> fetch;
    private final Map<String, Image> decoded = new HashMap<>();

    AvatarImages(Function<String, CompletableFuture<AvatarImage>> fetch) {
        this.fetch = fetch;
    }

    /** Shows {@code user} in {@code view}: the initial at once, the picture when it has arrived. */
    void show(String user, AvatarView view) {
        view.showName(user);
        String key = user.toLowerCase(Locale.ROOT);
        Image known = decoded.get(key);
        if (known != null) {
            view.showImage(known);
            return;
        }
        fetch.apply(user).whenComplete((avatar, failure) -> Platform.runLater(() -> {
            Image image = failure == null ? EmojiImages.avatar(avatar.image(), view.diameter() * 2) : null;
            if (image == null) {
                // The initial stays; the next row that shows this user asks again, so a picture that failed
                // while offline appears later.
                log.debug("No avatar picture for {}: {}", user,
                        failure != null ? ChatClient.describe(failure) : "not an image JavaFX can read");
                return;
            }
            decoded.putIfAbsent(key, image);
            if (user.equals(view.shownName())) { // a reused row may show someone else by now
                view.showImage(image);
            }
        }));
    }
}
