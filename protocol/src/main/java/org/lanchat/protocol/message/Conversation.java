package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * Names a conversation from the point of view of the user who sees it: {@code "group"} for the room
 * everyone online shares, {@code "@name"} for the private conversation with user {@code name}. The two
 * members of a private conversation therefore name it differently ({@code "@bob"} for alice,
 * {@code "@alice"} for bob) but share one message sequence. {@code "#<room id>"} names a named room
 * (docs/PROTOCOL.md §7.23) by the decimal id the appliance gave it; every member names it alike.
 */
public record Conversation(String value) {
    public static final Conversation GROUP = new Conversation("group");
    private static final String PRIVATE_PREFIX = "@";
    private static final String ROOM_PREFIX = "#";
    /** Longest room id in digits: any positive 64-bit value, without leading zeros. */
    private static final int MAX_ROOM_ID_DIGITS = 18;

    public Conversation {
        Fields.required(value, "conversation");
        boolean group = value.equals("group");
        boolean privateChat = value.startsWith(PRIVATE_PREFIX) && Usernames.hasValidShape(value.substring(1));
        if (!group && !privateChat && !isRoomName(value)) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "conversation must be \"group\", \"@\" followed by a username, or \"#\" followed by a room id");
        }
    }

    @JsonCreator
    public static Conversation of(String value) {
        return new Conversation(value);
    }

    public static Conversation with(String username) {
        return new Conversation(PRIVATE_PREFIX + username);
    }

    /** The named room with this appliance-assigned id (§7.23). */
    public static Conversation room(long roomId) {
        if (roomId < 1) {
            throw new IllegalArgumentException("room ids start at 1: " + roomId);
        }
        return new Conversation(ROOM_PREFIX + roomId);
    }

    /**
     * {@code "#"} and 1 to 18 decimal digits with no leading zero: a positive id that fits a signed 64-bit integer,
     * written one way only, so two spellings never name one room.
     */
    private static boolean isRoomName(String value) {
        if (!value.startsWith(ROOM_PREFIX)) {
            return false;
        }
        String digits = value.substring(ROOM_PREFIX.length());
        if (digits.isEmpty() || digits.length() > MAX_ROOM_ID_DIGITS || digits.charAt(0) == '0') {
            return false;
        }
        return digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    public boolean isGroup() {
        return value.equals("group");
    }

    /** Whether this names a named room ({@code "#<id>"}) rather than the group or a private conversation. */
    public boolean isRoom() {
        return value.startsWith(ROOM_PREFIX);
    }

    /** Whether this names the private conversation with one other user ({@code "@<name>"}). */
    public boolean isPrivate() {
        return value.startsWith(PRIVATE_PREFIX);
    }

    /** The id of a named room. */
    public long roomId() {
        if (!isRoom()) {
            throw new IllegalStateException(value + " is not a room");
        }
        return Long.parseLong(value.substring(ROOM_PREFIX.length()));
    }

    /** The other member of a private conversation. */
    public String peer() {
        if (!isPrivate()) {
            throw new IllegalStateException("the conversation " + value + " has no single peer");
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
