package org.lanchat.appliance.chat;

import java.util.function.LongFunction;
import org.lanchat.appliance.core.AttachedFile;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Relation;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.FileMessage.Attachment;

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
        if (key.isGroup()) {
            return Conversation.GROUP;
        }
        return key.isRoom() ? Conversation.room(key.roomId()) : Conversation.with(names.apply(key.otherMember(viewerId)));
    }

    public ChatMessage view(StoredMessage m, long viewerId) {
        return view(m, conversationFor(m.conversation(), viewerId), names.apply(m.senderId()));
    }

    /**
     * The entry as the {@code message} event carries it (§6.5): a change names its target in a member of its own,
     * and its {@code text} is what a client that does not know changes shows instead.
     */
    static ChatMessage view(StoredMessage m, Conversation conversation, String from) {
        Relation r = m.relation();
        if (r == null) {
            return new ChatMessage(m.id(), conversation, m.seq(), from, m.clientMsgId(), m.text(), m.sticker(), m.sentAt(),
                    null, null, null, null, null, null, shown(m.attachment()));
        }
        long target = r.targetSeq();
        return switch (r.kind()) {
            case REPLY -> new ChatMessage(m.id(), conversation, m.seq(), from, m.clientMsgId(), m.text(), m.sticker(),
                    m.sentAt(), target, null, null, null, null, null, shown(m.attachment()));
            case EDIT -> new ChatMessage(m.id(), conversation, m.seq(), from, m.clientMsgId(), m.text(), null,
                    m.sentAt(), null, target, null, null, null, null);
            case DELETE -> new ChatMessage(m.id(), conversation, m.seq(), from, m.clientMsgId(),
                    ChatMessage.DELETED_FALLBACK, null, m.sentAt(), null, null, target, null, null, null);
            case REACT, UNREACT -> {
                boolean removed = r.kind() == Relation.Kind.UNREACT;
                yield new ChatMessage(m.id(), conversation, m.seq(), from, m.clientMsgId(),
                        ChatMessage.reactionFallback(m.text(), removed), null, m.sentAt(), null, null, null, target,
                        m.text(), removed ? Boolean.TRUE : null);
            }
        };
    }

    private static Attachment shown(AttachedFile file) {
        return file == null ? null
                : new Attachment(file.fileId(), file.size(), file.mediaType(), file.width(), file.height());
    }
}
