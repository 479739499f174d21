package org.lanchat.appliance.chat;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.Relation;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.protocol.ErrorCode;

/**
 * What a reply, an edit, a delete or a reaction may point at (docs/PROTOCOL.md §7.19): a message, not a change to
 * one, of the same conversation, and not deleted; for an edit or a delete, one the user sent, less than the edit
 * window ago, and for an edit, a text message. Each check reads the database, so it runs off the I/O threads.
 *
 * <p>The checks run before the commit, not inside it, so the commit path stays the one every message takes. A user's
 * edits and deletes take turns ({@link ChangesOneAtATime}), so each is checked after the one before is committed; a
 * reaction or reply racing a delete may still be stored after it, which is harmless because clients apply entries in
 * sequence order and a change to a deleted message changes nothing (§7.19).
 */
public final class RelationRules {
    private final MessageStore messages;
    private final Duration editWindow;
    private final LongSupplier clockMillis;

    /** @param editWindow how long after sending a message its sender may edit or delete it; zero forbids both */
    public RelationRules(MessageStore messages, Duration editWindow, LongSupplier clockMillis) {
        this.messages = messages;
        this.editWindow = editWindow;
        this.clockMillis = clockMillis;
    }

    /** Checks the relation of an entry the user {@code senderId} posts to {@code conversation}. Throws {@link Refused}. */
    public void check(Relation relation, ConversationKey conversation, long senderId) {
        StoredMessage target = messages.entry(conversation, relation.targetSeq())
                .orElseThrow(() -> new Refused(ErrorCode.UNKNOWN_TARGET,
                        "there is no message " + relation.targetSeq() + " in this conversation"));
        if (!target.isMessage()) {
            throw new Refused(ErrorCode.UNKNOWN_TARGET, "entry " + relation.targetSeq() + " is " + describe(target.relation())
                    + ", not a message; name message " + target.relation().targetSeq() + " itself");
        }
        boolean ownOnly = relation.kind() == Relation.Kind.EDIT || relation.kind() == Relation.Kind.DELETE;
        if (ownOnly && target.senderId() != senderId) {
            throw new Refused(ErrorCode.NOT_YOUR_MESSAGE, "message " + relation.targetSeq()
                    + " was sent by someone else; only its sender may edit or delete it");
        }
        if (relation.kind() == Relation.Kind.EDIT && target.text() == null) {
            throw new Refused(ErrorCode.INVALID_FIELD, "message " + relation.targetSeq()
                    + " is a sticker; a sticker can be deleted but not edited");
        }
        if (ownOnly && clockMillis.getAsLong() - target.sentAt() >= editWindow.toMillis()) {
            throw new Refused(ErrorCode.EDIT_WINDOW_CLOSED, "message " + relation.targetSeq()
                    + " can no longer be changed: messages can be edited or deleted for " + describe(editWindow)
                    + " after they are sent");
        }
        if (messages.deleted(conversation, relation.targetSeq())) {
            throw new Refused(ErrorCode.UNKNOWN_TARGET, "message " + relation.targetSeq() + " was deleted");
        }
    }

    private static String describe(Relation change) {
        String what = switch (change.kind()) {
            case EDIT -> "an edit";
            case DELETE -> "a delete";
            case REACT -> "a reaction";
            case UNREACT -> "a withdrawn reaction";
            case REPLY -> "a reply";
        };
        return what + " of message " + change.targetSeq();
    }

    private static String describe(Duration window) {
        return window.toSeconds() % 3600 == 0 ? window.toHours() + " h" : window.toSeconds() + " s";
    }
}
