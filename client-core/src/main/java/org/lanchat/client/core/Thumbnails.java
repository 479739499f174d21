package org.lanchat.client.core;

import java.util.concurrent.CompletableFuture;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.FileMessage;
import org.lanchat.protocol.message.FileRequest;

/**
 * The thumbnail of a picture a message carries (PROTOCOL.md §5.39): a PNG of at most 256 × 256 pixels the appliance
 * drew, so a client shows pictures inline without downloading them. Not cached here: a window decides how many it
 * keeps. Called on the client's loop.
 */
final class Thumbnails {
    private final Requests requests;

    Thumbnails(Requests requests) {
        this.requests = requests;
    }

    /** The PNG bytes; fails with {@link ChatException} {@code no_such_attachment} for a message without a picture. */
    CompletableFuture<byte[]> get(Conversation conversation, long seq) {
        return requests.request(id -> new FileRequest.GetThumbnail(id, conversation, seq), FileMessage.Thumbnail.class)
                .thenApply(FileMessage.Thumbnail::image);
    }
}
