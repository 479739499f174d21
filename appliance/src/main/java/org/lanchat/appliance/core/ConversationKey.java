package org.lanchat.appliance.core;

/**
 * A conversation as the appliance stores it, the same for both members: {@code group}, or
 * {@code dm:<lower user id>:<higher user id>}. Clients never see it; they see a
 * {@link org.lanchat.protocol.message.Conversation} named from their side.
 */
public record ConversationKey(String value) {
    public static final ConversationKey GROUP = new ConversationKey("group");

    public static ConversationKey direct(long userA, long userB) {
        return new ConversationKey("dm:" + Math.min(userA, userB) + ":" + Math.max(userA, userB));
    }

    public boolean isGroup() {
        return equals(GROUP);
    }

    /** The member of a private conversation who is not {@code userId}. */
    public long otherMember(long userId) {
        String[] parts = value.split(":");
        long a = Long.parseLong(parts[1]);
        long b = Long.parseLong(parts[2]);
        return a == userId ? b : a;
    }

    @Override
    public String toString() {
        return value;
    }
}
