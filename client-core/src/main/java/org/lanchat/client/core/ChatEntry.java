package org.lanchat.client.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.FileMessage.Attachment;
import org.lanchat.protocol.message.Usernames;

/**
 * A message as the client shows it: received, read from history, or typed here and still on its way.
 *
 * @param messageId    the appliance's id; 0 while the message is still pending
 * @param seq          position in the conversation; 0 while pending
 * @param from         canonical username of the sender
 * @param clientMsgId  the sender's idempotency key
 * @param text         the text, or null for a sticker
 * @param sticker      the sticker code, or null for text
 * @param sentAt       appliance time (ms since the epoch) once committed; the local time while pending
 * @param own          sent by the logged-in user (from here or another of their computers)
 * @param delivery     for own messages: pending, sent directly, delivered or failed; for others': delivered, or
 *                     received directly
 * @param failure      why it failed, when {@code delivery} is FAILED, for a UI to put in its own words
 * @param replyTo      the sequence number of the message this one answers, or null (PROTOCOL.md §7.19)
 * @param edited       its sender changed its text since sending; {@code text} is the latest
 * @param deleted      its sender deleted it: {@code text} and {@code sticker} are both null, and it has no reactions
 * @param reactions    who reacted with which emoji, in the order the first of each emoji came
 * @param change       null for a message; for an entry that changes one (as history pages and
 *                     {@link ClientEvent.MessageChanged} carry them), what it changes: then {@code text} is an edit's
 *                     new text, or the protocol's fallback text for a delete or a reaction
 * @param attachment   the file the message carries, or null (PROTOCOL.md §7.24); {@code text} is then its name, as the
 *                     sender's computer called it (sanitise it with {@link FileNames#safe} before saving under it)
 */
public record ChatEntry(long messageId, Conversation conversation, long seq, String from, String clientMsgId,
        String text, String sticker, long sentAt, boolean own, Delivery delivery, Optional<ClientProblem> failure,
        Long replyTo, boolean edited, boolean deleted, List<Reaction> reactions, Change change, Attachment attachment) {

    /** An entry without a file. */
    public ChatEntry(long messageId, Conversation conversation, long seq, String from, String clientMsgId,
            String text, String sticker, long sentAt, boolean own, Delivery delivery, Optional<ClientProblem> failure,
            Long replyTo, boolean edited, boolean deleted, List<Reaction> reactions, Change change) {
        this(messageId, conversation, seq, from, clientMsgId, text, sticker, sentAt, own, delivery, failure, replyTo,
                edited, deleted, reactions, change, null);
    }

    /** An edit, a delete or a reaction (added or withdrawn) to the message {@code target}; {@code emoji} for reactions. */
    public record Change(Kind kind, long target, String emoji) {
        public enum Kind { EDIT, DELETE, REACT, UNREACT }

        public Change {
            Objects.requireNonNull(kind, "kind");
        }

        static Change of(ChatMessage m) {
            if (m.edits() != null) {
                return new Change(Kind.EDIT, m.edits(), null);
            }
            if (m.deletes() != null) {
                return new Change(Kind.DELETE, m.deletes(), null);
            }
            return new Change(m.removesReaction() ? Kind.UNREACT : Kind.REACT, m.reactsTo(), m.reaction());
        }
    }

    /** One emoji reacted to a message, and by whom (canonical usernames, in the order they reacted). */
    public record Reaction(String emoji, List<String> users) {
        public Reaction {
            Objects.requireNonNull(emoji, "emoji");
            users = List.copyOf(users);
        }

        public int count() {
            return users.size();
        }
    }

    public ChatEntry {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(failure, "failure");
        reactions = List.copyOf(reactions);
        if (deleted ? text != null || sticker != null : (text == null) == (sticker == null)) {
            throw new IllegalArgumentException(deleted ? "a deleted message has neither text nor sticker"
                    : "exactly one of text and sticker");
        }
    }

    /** A message as it was sent: no reply, no changes. */
    public ChatEntry(long messageId, Conversation conversation, long seq, String from, String clientMsgId,
            String text, String sticker, long sentAt, boolean own, Delivery delivery, Optional<ClientProblem> failure) {
        this(messageId, conversation, seq, from, clientMsgId, text, sticker, sentAt, own, delivery, failure, null, false,
                false, List.of(), null);
    }

    /** Whether this entry changes a message rather than being one. */
    public boolean isChange() {
        return change != null;
    }

    /** A message just typed here, before the appliance has seen it; a fresh {@link ClientMessageIds time-ordered id} is its client message id. */
    static ChatEntry pending(Conversation conversation, String from, String text, String sticker) {
        return pending(conversation, from, text, sticker, null);
    }

    /** The same, answering the message {@code replyTo} (null: none). */
    static ChatEntry pending(Conversation conversation, String from, String text, String sticker, Long replyTo) {
        return new ChatEntry(0, conversation, 0, from, ClientMessageIds.next(), text, sticker,
                System.currentTimeMillis(), true, Delivery.PENDING, Optional.empty(), replyTo, false, false, List.of(), null);
    }

    /** A file uploaded here, sent under its name, before the appliance has committed the message. */
    static ChatEntry pendingFile(Conversation conversation, String from, String name, Attachment file) {
        return new ChatEntry(0, conversation, 0, from, ClientMessageIds.next(), name, null, System.currentTimeMillis(),
                true, Delivery.PENDING, Optional.empty(), null, false, false, List.of(), null, file);
    }

    static ChatEntry received(ChatMessage m, String me) {
        boolean own = me != null && m.from().equalsIgnoreCase(me);
        return new ChatEntry(m.messageId(), m.conversation(), m.seq(), m.from(), m.clientMsgId(), m.text(),
                m.sticker(), m.sentAt(), own, Delivery.DELIVERED, Optional.empty(), m.replyTo(), false, false, List.of(),
                m.isChange() ? Change.of(m) : null, m.attachment());
    }

    /** Whether the message carries a file. */
    public boolean hasFile() {
        return attachment != null;
    }

    /** A message a colleague sent over a peer link, in the conversation as this user sees it. */
    static ChatEntry receivedDirectly(DirectMessage m, String from, Conversation seenHere) {
        return new ChatEntry(0, seenHere, 0, from, m.clientMsgId(), m.text(), m.sticker(), m.sentAt(), false,
                Delivery.DIRECT, Optional.empty());
    }

    /**
     * Identifies the message across its life: own messages by their client message id (so the pending copy
     * and the acknowledged one are the same entry), others by sender and client message id, the key the
     * appliance stores each message under once (so a copy received directly and the stored one are the same
     * entry too).
     */
    public String key() {
        return own ? "own:" + clientMsgId : "from:" + Usernames.key(from) + ":" + clientMsgId;
    }

    public boolean isSticker() {
        return sticker != null;
    }

    ChatEntry withDelivery(Delivery newDelivery, Optional<ClientProblem> why) {
        return new ChatEntry(messageId, conversation, seq, from, clientMsgId, text, sticker, sentAt, own, newDelivery, why,
                replyTo, edited, deleted, reactions, change, attachment);
    }

    /** This pending message as the appliance committed it, under the conversation name it answered with. */
    ChatEntry acknowledged(long id, Conversation canonical, long newSeq, long at) {
        return new ChatEntry(id, canonical, newSeq, from, clientMsgId, text, sticker, at, own, Delivery.DELIVERED,
                Optional.empty(), replyTo, edited, deleted, reactions, change, attachment);
    }

    /** This message with its changes applied (§7.19): the latest text, or deleted, and the reactions now. */
    ChatEntry changed(String newText, boolean isEdited, boolean isDeleted, List<Reaction> now) {
        return new ChatEntry(messageId, conversation, seq, from, clientMsgId, isDeleted ? null : newText,
                isDeleted ? null : sticker, sentAt, own, delivery, failure, replyTo, isEdited && !isDeleted, isDeleted,
                isDeleted ? List.of() : now, change, isDeleted ? null : attachment);
    }
}
