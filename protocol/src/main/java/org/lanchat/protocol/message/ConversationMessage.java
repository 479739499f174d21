package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import org.lanchat.protocol.message.FileMessage.Attachment;

/**
 * Messages of conversations and what is known about them: acknowledgements, messages, history pages, the
 * conversation list, read marks, typing and search results (docs/PROTOCOL.md §6.4, §6.5, §6.8, §6.9, §6.17 to §6.19).
 */
public sealed interface ConversationMessage extends ServerMessage {
    /**
     * Reply to {@code send}: the message is committed to history. {@code duplicate} is true when this
     * {@code clientMsgId} had already been accepted and this is the original acknowledgement again.
     */
    @JsonTypeName("ack")
    record Ack(String id, String clientMsgId, long messageId, Conversation conversation, long seq, long sentAt,
               boolean duplicate) implements ConversationMessage, Reply {
    }

    /**
     * An entry of a conversation, pushed live and returned in history pages: a message, or a change to an earlier one
     * (docs/PROTOCOL.md §6.5, §7.19). Exactly one of text and sticker is set, on every entry: on a change it is what a
     * client that does not know changes shows. At most one of {@code edits}, {@code deletes} and {@code reactsTo} is
     * set, and {@code replyTo} only on a message; each holds the sequence number of the message concerned.
     *
     * @param edits          this entry replaces that message's text with {@code text}
     * @param deletes        this entry deletes that message; {@code text} is {@link #DELETED_FALLBACK}
     * @param reactsTo       this entry adds {@code reaction} from {@code from} to that message, or withdraws it when
     *                       {@code removeReaction} is true (absent otherwise); {@code text} is the fallback of §6.5
     */
    @JsonTypeName("message")
    record ChatMessage(long messageId, Conversation conversation, long seq, String from, String clientMsgId,
                       String text, String sticker, long sentAt, Long replyTo, Long edits, Long deletes,
                       Long reactsTo, String reaction, Boolean removeReaction, Attachment attachment)
            implements ConversationMessage {
        /** An entry without a file. */
        public ChatMessage(long messageId, Conversation conversation, long seq, String from, String clientMsgId,
                           String text, String sticker, long sentAt, Long replyTo, Long edits, Long deletes,
                           Long reactsTo, String reaction, Boolean removeReaction) {
            this(messageId, conversation, seq, from, clientMsgId, text, sticker, sentAt, replyTo, edits, deletes,
                    reactsTo, reaction, removeReaction, null);
        }

        /** The text of a delete entry, for clients that do not know deletes. */
        public static final String DELETED_FALLBACK = "message deleted";

        /** A message that answers none in particular. */
        public ChatMessage(long messageId, Conversation conversation, long seq, String from, String clientMsgId,
                           String text, String sticker, long sentAt) {
            this(messageId, conversation, seq, from, clientMsgId, text, sticker, sentAt, null, null, null, null, null,
                    null);
        }

        /** The fallback text of a reaction entry (§6.5): the emoji, or for a withdrawn one, what says so. */
        public static String reactionFallback(String emoji, boolean removed) {
            return removed ? "withdrew " + emoji : emoji;
        }

        /** Whether this entry changes an earlier message rather than being one. Not a member of the JSON. */
        @JsonIgnore
        public boolean isChange() {
            return edits != null || deletes != null || reactsTo != null;
        }

        public boolean removesReaction() {
            return Boolean.TRUE.equals(removeReaction);
        }
    }

    /**
     * One conversation the user takes part in. {@code readThrough} is the user's own read mark and
     * {@code peerReadThrough}, for a private conversation, the other member's (§7.18); both are absent from
     * appliances that predate read marks, and {@code peerReadThrough} from the group.
     */
    record ConversationInfo(Conversation conversation, long lastSeq, long clearedThrough, Long readThrough,
                            Long peerReadThrough) {
        /** Without read marks. */
        public ConversationInfo(Conversation conversation, long lastSeq, long clearedThrough) {
            this(conversation, lastSeq, clearedThrough, null, null);
        }
    }

    /** Reply to {@code history}. */
    @JsonTypeName("history_page")
    record HistoryPage(String id, Conversation conversation, List<ChatMessage> messages, boolean hasMore,
                       long clearedThrough) implements ConversationMessage, Reply {
        public HistoryPage {
            messages = List.copyOf(messages);
        }
    }

    /**
     * Reply to {@code conversations}; one larger than a frame comes in consecutive parts with the request's id, all but
     * the last with {@code hasMore} true (§6.9). {@code hasMore} is present only when true: a list in one frame encodes
     * as it did before parts.
     */
    @JsonTypeName("conversations")
    record ConversationList(String id, List<ConversationInfo> conversations,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean hasMore) implements ConversationMessage, Reply {
        public ConversationList {
            conversations = List.copyOf(conversations);
            hasMore = Boolean.TRUE.equals(hasMore) ? Boolean.TRUE : null;
        }

        public ConversationList(String id, List<ConversationInfo> conversations) {
            this(id, conversations, null);
        }

        /** Whether more parts of this list follow. */
        public boolean more() {
            return Boolean.TRUE.equals(hasMore);
        }
    }

    /** How far one member has read a conversation: every message with a sequence number up to {@code seq}. */
    record ReadMark(String user, long seq) {
    }

    /**
     * Reply to {@code read_marks}: the read mark of every member of the conversation who has one above 0,
     * sorted by name, the requester included (§7.18).
     */
    @JsonTypeName("read_marks")
    record ReadMarks(String id, Conversation conversation, List<ReadMark> marks) implements ConversationMessage, Reply {
        public ReadMarks {
            marks = List.copyOf(marks);
        }
    }

    /**
     * {@code reader} has read {@code conversation} (named from the receiver's side) up to {@code seq}. Sent to
     * the other member of a private conversation and to the reader's own other connections (§7.18).
     */
    @JsonTypeName("read")
    record Read(Conversation conversation, String reader, long seq) implements ConversationMessage {
    }

    /**
     * {@code user} is typing in {@code conversation} (named from the receiver's side). The indicator goes away
     * after {@code expiresInMs} unless another {@code typing} renews it, or when a message from that user
     * arrives in the conversation (§7.18). Never stored.
     */
    @JsonTypeName("typing")
    record Typing(Conversation conversation, String user, int expiresInMs) implements ConversationMessage {
        /** How long an indicator lasts without renewal: two resend intervals, so one lost event does not blink it. */
        public static final int EXPIRES_IN_MS = 2 * ConversationRequest.Typing.RESEND_INTERVAL_MS;
    }

    /**
     * One message found by {@code search} (§6.19): where it is ({@code conversation} from the requester's side,
     * {@code seq}), who sent it when, and a {@code snippet} of its current text around the first match.
     */
    record SearchHit(long messageId, Conversation conversation, long seq, String from, long sentAt, String snippet) {
    }

    /**
     * Reply to {@code search}: hits newest first; {@code hasMore} when more lie beyond the last one, which the next
     * page asks for with {@code before} = its {@code messageId} (§7.22).
     */
    @JsonTypeName("search_results")
    record SearchResults(String id, List<SearchHit> hits, boolean hasMore) implements ConversationMessage, Reply {
        public SearchResults {
            hits = List.copyOf(hits);
        }
    }
}
