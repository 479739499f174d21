package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * Names a conversation from the point of view of the user who sees it: {@code "group"} for the room
 * everyone online shares, {@code "@name"} for the private conversation with user {@code name}. The two
 * members of a private conversation therefore name it differently ({@code "@bob"} for alice,
 * {@code "@alice"} for bob) but share one message sequence.
 */
public record Conversation(String value) {
    public static final Conversation GROUP = new Conversation("group");
    private static final String PRIVATE_PREFIX = "@";

    public Conversation {
        Fields.required(value, "conversation");
        boolean group = value.equals("group");
        boolean privateChat = value.startsWith(PRIVATE_PREFIX) && Usernames.hasValidShape(value.substring(1));
        if (!group && !privateChat) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "conversation must be \"group\" or \"@\" followed by a username");
        }
    }

    @JsonCreator
    public static Conversation of(String value) {
        return new Conversation(value);
    }

    public static Conversation with(String username) {
        return new Conversation(PRIVATE_PREFIX + username);
    }

    public boolean isGroup() {
        return value.equals("group");
    }

    /** The other member of a private conversation. */
    public String peer() {
        if (isGroup()) {
            throw new IllegalStateException("the group conversation has no single peer");
        }
        return value.substring(PRIVATE_PREFIX.length());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
