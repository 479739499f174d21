package org.lanchat.client.core;

import java.util.Objects;
import java.util.Optional;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.ServerMessage.ChatMessage;
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
 * @param failure      why it failed, when {@code delivery} is FAILED
 */
public record ChatEntry(long messageId, Conversation conversation, long seq, String from, String clientMsgId,
        String text, String sticker, long sentAt, boolean own, Delivery delivery, Optional<String> failure) {

    public ChatEntry {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(failure, "failure");
        if ((text == null) == (sticker == null)) {
            throw new IllegalArgumentException("exactly one of text and sticker");
        }
    }

    /** A message just typed here, before the appliance has seen it; a fresh {@link ClientMessageIds time-ordered id} is its client message id. */
    static ChatEntry pending(Conversation conversation, String from, String text, String sticker) {
        return new ChatEntry(0, conversation, 0, from, ClientMessageIds.next(), text, sticker,
                System.currentTimeMillis(), true, Delivery.PENDING, Optional.empty());
    }

    static ChatEntry received(ChatMessage m, String me) {
        boolean own = me != null && m.from().equalsIgnoreCase(me);
        return new ChatEntry(m.messageId(), m.conversation(), m.seq(), m.from(), m.clientMsgId(), m.text(),
                m.sticker(), m.sentAt(), own, Delivery.DELIVERED, Optional.empty());
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

    ChatEntry withDelivery(Delivery newDelivery, Optional<String> why) {
        return new ChatEntry(messageId, conversation, seq, from, clientMsgId, text, sticker, sentAt, own, newDelivery, why);
    }

    /** This pending message as the appliance committed it, under the conversation name it answered with. */
    ChatEntry acknowledged(long id, Conversation canonical, long newSeq, long at) {
        return new ChatEntry(id, canonical, newSeq, from, clientMsgId, text, sticker, at, own, Delivery.DELIVERED,
                Optional.empty());
    }
}
