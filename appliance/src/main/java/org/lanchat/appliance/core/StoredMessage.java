package org.lanchat.appliance.core;

import java.util.Objects;

/**
 * A message as committed to history. {@code recipientId} is null in the group conversation; exactly one
 * of {@code text} and {@code sticker} is set.
 */
public record StoredMessage(long id, ConversationKey conversation, long seq, long senderId, Long recipientId,
                            String clientMsgId, String text, String sticker, long sentAt) {

    /** Whether a resend with these contents is the same message (same id, same body). */
    public boolean sameContentAs(ConversationKey otherConversation, String otherText, String otherSticker) {
        return conversation.equals(otherConversation) && Objects.equals(text, otherText)
                && Objects.equals(sticker, otherSticker);
    }
}
