package org.lanchat.appliance.core;

import java.util.Objects;

/**
 * An entry as committed to history. {@code recipientId} is null in the group conversation. A message has text
 * or a sticker (exactly one) and no relation, or a {@link Relation.Kind#REPLY reply} relation; a change to a
 * message has its other kinds of {@code relation}: an edit's text is the new text, a reaction's text its emoji,
 * and a delete has neither text nor sticker. A message may carry a file ({@code attachment}); its text is then the
 * file's name.
 */
public record StoredMessage(long id, ConversationKey conversation, long seq, long senderId, Long recipientId,
                            String clientMsgId, String text, String sticker, long sentAt, Relation relation,
                            AttachedFile attachment) {

    /** An entry without a file. */
    public StoredMessage(long id, ConversationKey conversation, long seq, long senderId, Long recipientId,
                         String clientMsgId, String text, String sticker, long sentAt, Relation relation) {
        this(id, conversation, seq, senderId, recipientId, clientMsgId, text, sticker, sentAt, relation, null);
    }

    /** A message with no relation to another. */
    public StoredMessage(long id, ConversationKey conversation, long seq, long senderId, Long recipientId,
                         String clientMsgId, String text, String sticker, long sentAt) {
        this(id, conversation, seq, senderId, recipientId, clientMsgId, text, sticker, sentAt, null);
    }

    /** Whether a resend with these contents is the same message (same id, same body, same relation). */
    public boolean sameContentAs(ConversationKey otherConversation, String otherText, String otherSticker,
                                 Relation otherRelation) {
        return conversation.equals(otherConversation) && Objects.equals(text, otherText)
                && Objects.equals(sticker, otherSticker) && Objects.equals(relation, otherRelation);
    }

    /** {@link #sameContentAs} and the same file (by id). */
    public boolean sameContentAs(ConversationKey otherConversation, String otherText, String otherSticker,
                                 Relation otherRelation, AttachedFile otherAttachment) {
        return sameContentAs(otherConversation, otherText, otherSticker, otherRelation)
                && Objects.equals(attachment == null ? null : attachment.fileId(),
                        otherAttachment == null ? null : otherAttachment.fileId());
    }

    /** Whether this entry is a message (perhaps a reply) rather than a change to one. */
    public boolean isMessage() {
        return relation == null || !relation.isChange();
    }
}
