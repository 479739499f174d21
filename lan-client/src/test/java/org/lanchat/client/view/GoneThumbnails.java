package org.lanchat.client.view;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.viewmodel.FileCalls;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;

/**
 * The client core's file calls, with the thumbnails of the messages from a point on answered as the appliance answers
 * for a file deleted after its retention period (PROTOCOL.md §7.24): {@code no_such_attachment}. Deleting a stored
 * file on the shared test appliance would take it from the other tests too.
 */
final class GoneThumbnails extends ForwardingFileCalls {
    private final AtomicLong goneFrom = new AtomicLong(Long.MAX_VALUE);

    GoneThumbnails(FileCalls real) {
        super(real);
    }

    /**
     * The thumbnails of the messages numbered {@code seq} and later are gone: set before the picture is sent, as its
     * window asks for the thumbnail the moment the message arrives.
     */
    void forgetFrom(long seq) {
        goneFrom.set(seq);
    }

    @Override
    public CompletableFuture<byte[]> thumbnail(Conversation conversation, long seq) {
        if (seq >= goneFrom.get()) {
            return CompletableFuture.failedFuture(new ChatException(ErrorCode.NO_SUCH_ATTACHMENT,
                    "no such file, or not one you can read", Optional.empty()));
        }
        return super.thumbnail(conversation, seq);
    }
}
