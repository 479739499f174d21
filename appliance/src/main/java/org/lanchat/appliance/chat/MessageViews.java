package org.lanchat.appliance.chat;

import org.lanchat.appliance.account.UserDirectory;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ServerMessage.ChatMessage;

/** Shows a stored message to one user: private conversations are named after the other member. */
public final class MessageViews {
    private final UserDirectory directory;

    public MessageViews(UserDirectory directory) {
        this.directory = directory;
    }

    public Conversation conversationFor(ConversationKey key, long viewerId) {
        return key.isGroup() ? Conversation.GROUP : Conversation.with(directory.nameOf(key.otherMember(viewerId)));
    }

    public ChatMessage view(StoredMessage m, long viewerId) {
        return new ChatMessage(m.id(), conversationFor(m.conversation(), viewerId), m.seq(),
                directory.nameOf(m.senderId()), m.clientMsgId(), m.text(), m.sticker(), m.sentAt());
    }
}
