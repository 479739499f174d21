package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * Requests that read a conversation without adding to it: history, catch-up, clearing, read marks, typing and search
 * (docs/PROTOCOL.md §5.8 to §5.10, §5.19 to §5.21, §5.26).
 */
public sealed interface ConversationRequest extends ClientMessage {
    /**
     * Pages through a conversation. With {@code before}: the newest messages with a smaller sequence
     * number, newest first (scrolling back). With {@code after}: the oldest messages with a larger
     * sequence number, oldest first (catching up). With neither: the newest page. Not both.
     */
    @JsonTypeName("history")
    record HistoryRequest(String id, Conversation conversation, Long before, Long after, Integer limit)
            implements ConversationRequest {
        public HistoryRequest {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
            if (before != null) {
                Fields.nonNegative(before, "before");
            }
            if (after != null) {
                Fields.nonNegative(after, "after");
            }
            if (before != null && after != null) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "give 'before' or 'after', not both");
            }
            if (limit != null && limit < 1) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'limit' must be at least 1");
            }
        }
    }

    /** Lists the conversations the user takes part in with their newest sequence numbers, for catch-up. */
    @JsonTypeName("conversations")
    record ConversationsRequest(String id) implements ConversationRequest {
        public ConversationsRequest {
            Fields.id(id, "id");
        }
    }

    /** Hides every message of the conversation sent so far, for this user only. */
    @JsonTypeName("clear_history")
    record ClearHistory(String id, Conversation conversation) implements ConversationRequest {
        public ClearHistory {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
        }
    }

    /**
     * Moves the user's read mark for a conversation forward to {@code seq} (docs/PROTOCOL.md §7.18): a lower
     * {@code seq} than the mark is ignored, one beyond the conversation's newest message is reduced to it.
     * A client whose user turned read marks off never sends it.
     */
    @JsonTypeName("mark_read")
    record MarkRead(String id, Conversation conversation, Long seq) implements ConversationRequest {
        public MarkRead {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
            Fields.nonNegative(seq, "seq");
        }
    }

    /** Asks how far each member of a conversation has read it (§7.18); answered with {@code read_marks}. */
    @JsonTypeName("read_marks")
    record ReadMarksRequest(String id, Conversation conversation) implements ConversationRequest {
        public ReadMarksRequest {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
        }
    }

    /**
     * Tells the conversation's other members online that the user is typing in it (§7.18). Never stored. A
     * client sends it at most once per {@link #RESEND_INTERVAL_MS} while its user keeps typing.
     */
    @JsonTypeName("typing")
    record Typing(String id, Conversation conversation) implements ConversationRequest {
        /** How often a client repeats {@code typing} while its user types; see {@link ConversationMessage.Typing}. */
        public static final int RESEND_INTERVAL_MS = 3000;

        public Typing {
            Fields.id(id, "id");
            Fields.required(conversation, "conversation");
        }
    }

    /**
     * Searches the text of every conversation the user is a member of, or of {@code conversation} alone
     * (docs/PROTOCOL.md §5.26, §7.22). {@code before} is the {@code messageId} of the last hit of the previous page.
     */
    @JsonTypeName("search")
    record Search(String id, String text, Conversation conversation, Long before, Integer limit)
            implements ConversationRequest {
        /** Longest search text, in UTF-16 units: a phrase, not a message. */
        public static final int MAX_TEXT_CHARS = 200;

        public Search {
            Fields.id(id, "id");
            Fields.name(text, "text", MAX_TEXT_CHARS);
            if (text.strip().isEmpty()) { // strip(), not isBlank(): the same white space the appliance trims (§7.22)
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'text' must not be only white space");
            }
            if (before != null) {
                Fields.positive(before, "before");
            }
            if (limit != null && limit < 1) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'limit' must be at least 1");
            }
        }
    }
}
