package org.lanchat.appliance.chat;

import java.util.function.LongFunction;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ServerMessage.ChatMessage;

/** Shows a stored message to one user: private conversations are named after the other member. */
public final class MessageViews {
    private final LongFunction<String> names;

    /**
     * @param names a user's name by id ({@link org.lanchat.appliance.account.UserDirectory#nameOf}); may
     *              query the database on a miss, so views are built off the I/O threads and the commit writer
     */
    public MessageViews(LongFunction<String> names) {
        this.names = names;
    }

    public Conversation conversationFor(ConversationKey key, long viewerId) {
        return key.isGroup() ? Conversation.GROUP : Conversation.with(names.apply(key.otherMember(viewerId)));
    }

    public ChatMessage view(StoredMessage m, long viewerId) {
        return new ChatMessage(m.id(), conversationFor(m.conversation(), viewerId), m.seq(),
                names.apply(m.senderId()), m.clientMsgId(), m.text(), m.sticker(), m.sentAt());
    }
}
