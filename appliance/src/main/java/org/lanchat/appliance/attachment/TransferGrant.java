package org.lanchat.appliance.attachment;

import org.lanchat.protocol.message.Conversation;

/**
 * What one transfer ticket allows (PROTOCOL.md §7.25): exactly one user's transfer of one file's bytes from
 * {@code offset} to its end, in one direction. The ticket's holder cannot change any of it; the transfer connection
 * has no login of its own, so this is all the appliance knows about it.
 */
public sealed interface TransferGrant {
    long userId();

    String fileId();

    long size();

    long offset();

    /** Bytes the transfer moves: from {@code offset} to the end of the file. */
    default long length() {
        return size() - offset();
    }

    /** The rest of this user's upload of {@code fileId}, begun as {@code upload_begin} begins one. */
    record Upload(long userId, String fileId, long size, long offset) implements TransferGrant {
    }

    /**
     * The stored file {@code fileId} from {@code offset}, of message {@code seq} of {@code conversation}, which the user
     * could read when the ticket was issued; whether they still can is checked again when the ticket is redeemed.
     */
    record Download(long userId, String fileId, long size, long offset, Conversation conversation, long seq)
            implements TransferGrant {
    }
}
