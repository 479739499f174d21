package org.lanchat.appliance.core;

/**
 * A conversation as the appliance stores it, the same for every member: {@code group},
 * {@code dm:<lower user id>:<higher user id>}, or {@code room:<room id>} for a named room. Clients never see it;
 * they see a {@link org.lanchat.protocol.message.Conversation} named from their side.
 */
public record ConversationKey(String value) {
    public static final ConversationKey GROUP = new ConversationKey("group");
    private static final String ROOM_PREFIX = "room:";
    private static final String DIRECT_PREFIX = "dm:";

    public static ConversationKey direct(long userA, long userB) {
        return new ConversationKey(DIRECT_PREFIX + Math.min(userA, userB) + ":" + Math.max(userA, userB));
    }

    public static ConversationKey room(long roomId) {
        return new ConversationKey(ROOM_PREFIX + roomId);
    }

    public boolean isGroup() {
        return equals(GROUP);
    }

    public boolean isRoom() {
        return value.startsWith(ROOM_PREFIX);
    }

    /** Whether this is a private conversation between two users. */
    public boolean isDirect() {
        return value.startsWith(DIRECT_PREFIX);
    }

    public long roomId() {
        if (!isRoom()) {
            throw new IllegalStateException(value + " is not a room");
        }
        return Long.parseLong(value.substring(ROOM_PREFIX.length()));
    }

    /** The member of a private conversation who is not {@code userId}. */
    public long otherMember(long userId) {
        // Parsed in place: the relay asks this for every private message it shows, and split() allocated 4 objects.
        int second = value.indexOf(':', DIRECT_PREFIX.length());
        long a = Long.parseLong(value, DIRECT_PREFIX.length(), second, 10);
        long b = Long.parseLong(value, second + 1, value.length(), 10);
        return a == userId ? b : a;
    }

    @Override
    public String toString() {
        return value;
    }
}
