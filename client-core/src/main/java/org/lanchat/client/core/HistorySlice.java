package org.lanchat.client.core;

import java.util.List;
import org.lanchat.protocol.message.Conversation;

/**
 * One page of a conversation's history.
 *
 * @param entries        oldest first
 * @param hasMore        whether older messages exist beyond this page
 * @param clearedThrough messages up to this sequence number are hidden for the user
 */
public record HistorySlice(Conversation conversation, List<ChatEntry> entries, boolean hasMore, long clearedThrough) {
    public HistorySlice {
        entries = List.copyOf(entries);
    }

    /** The sequence number to page back from for the next older page. */
    public long oldestSeq() {
        return entries.isEmpty() ? 0 : entries.getFirst().seq();
    }
}
