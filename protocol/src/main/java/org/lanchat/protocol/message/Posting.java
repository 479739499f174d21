package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * A request that appends one entry to a conversation: a message ({@code send}) or a change to one
 * ({@code edit}, {@code delete}, {@code react}, docs/PROTOCOL.md §7.19). Each is committed, numbered, relayed and
 * acknowledged with an {@code ack} the same way, and made idempotent by its {@code clientMsgId}.
 */
public sealed interface Posting extends ClientMessage {
    String clientMsgId();

    Conversation conversation();

    /**
     * Sends a message to a conversation. Exactly one of {@code text} and {@code sticker} is set.
     * {@code clientMsgId} makes the send idempotent: resending it returns the original acknowledgement.
     * {@code replyTo}, optional, is the sequence number of the message in the same conversation it answers.
     * {@code attachment}, optional, is the id of a file the sender has uploaded (§7.24); the {@code text} is then
     * the file's name, which is what a client that does not know attachments shows.
     */
    @JsonTypeName("send")
    record Send(String id, String clientMsgId, Conversation conversation, String text, String sticker, Long replyTo,
                String attachment)
            implements Posting {
        public Send {
            Fields.id(id, "id");
            Fields.id(clientMsgId, "clientMsgId");
            Fields.required(conversation, "conversation");
            Fields.optionalText(text, "text", MAX_TEXT_CHARS_SHAPE);
            Fields.optionalName(sticker, "sticker", MAX_STICKER_CODE_CHARS);
            if (replyTo != null) {
                Fields.positive(replyTo, "replyTo");
            }
            FileIds.optional(attachment, "attachment");
            if (attachment != null) {
                Fields.name(text, "text", MAX_FILE_NAME_CHARS);
                if (sticker != null) {
                    throw new ProtocolException(ErrorCode.INVALID_FIELD, "a file's message carries its name, not a sticker");
                }
            }
        }

        /** A message that answers none in particular. */
        public Send(String id, String clientMsgId, Conversation conversation, String text, String sticker) {
            this(id, clientMsgId, conversation, text, sticker, null, null);
        }

        /** A message without a file. */
        public Send(String id, String clientMsgId, Conversation conversation, String text, String sticker,
                    Long replyTo) {
            this(id, clientMsgId, conversation, text, sticker, replyTo, null);
        }

        /** A file (already uploaded) sent under its name. */
        public static Send file(String id, String clientMsgId, Conversation conversation, String name, String fileId) {
            return new Send(id, clientMsgId, conversation, name, null, null, fileId);
        }
    }

    /** Replaces the text of one of the user's own text messages ({@code target}, a sequence number), §5.22. */
    @JsonTypeName("edit")
    record Edit(String id, String clientMsgId, Conversation conversation, Long target, String text) implements Posting {
        public Edit {
            Fields.id(id, "id");
            Fields.id(clientMsgId, "clientMsgId");
            Fields.required(conversation, "conversation");
            Fields.positive(target, "target");
            Fields.text(text, "text", MAX_TEXT_CHARS_SHAPE);
        }
    }

    /** Deletes one of the user's own messages ({@code target}, a sequence number) for everyone, §5.23. */
    @JsonTypeName("delete")
    record Delete(String id, String clientMsgId, Conversation conversation, Long target) implements Posting {
        public Delete {
            Fields.id(id, "id");
            Fields.id(clientMsgId, "clientMsgId");
            Fields.required(conversation, "conversation");
            Fields.positive(target, "target");
        }
    }

    /**
     * Adds the user's reaction {@code emoji} to a message ({@code target}, a sequence number), or withdraws it
     * when {@code remove} is true, §5.24. The emoji is one {@link Reactions#isReaction emoji}.
     */
    @JsonTypeName("react")
    record React(String id, String clientMsgId, Conversation conversation, Long target, String emoji, Boolean remove)
            implements Posting {
        public React {
            Fields.id(id, "id");
            Fields.id(clientMsgId, "clientMsgId");
            Fields.required(conversation, "conversation");
            Fields.positive(target, "target");
            Fields.required(emoji, "emoji");
            if (!Reactions.isReaction(emoji)) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'emoji' must be one emoji of at most "
                        + Reactions.MAX_CHARS + " UTF-16 units");
            }
        }

        public boolean removes() {
            return Boolean.TRUE.equals(remove);
        }
    }
}
