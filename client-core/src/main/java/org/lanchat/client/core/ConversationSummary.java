package org.lanchat.client.core;

import java.util.Objects;
import java.util.Optional;
import org.lanchat.protocol.message.Conversation;

/**
 * A conversation as the conversation list shows it.
 *
 * @param unread messages from others that arrived while it was not the active conversation
 * @param last   its newest message the client holds
 */
public record ConversationSummary(Conversation conversation, int unread, Optional<ChatEntry> last) {
    public ConversationSummary {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(last, "last");
    }
}
