package org.lanchat.appliance.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.lanchat.appliance.chat.ChatService.Resolved;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.RoomRoster;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.appliance.store.ReadMarkStore;
import org.lanchat.appliance.store.ReadMarkStore.MarksOfUser;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ConversationInfo;
import org.lanchat.protocol.message.ConversationMessage.ReadMark;
import org.lanchat.protocol.message.ConversationMessage.ReadMarks;
import org.lanchat.protocol.message.ConversationRequest.MarkRead;

/**
 * The rules of read marks (docs/PROTOCOL.md §7.18): a mark only moves forward, never past the conversation's
 * newest message, and is named, like everything else, from the asking user's side, so nobody can read or move
 * a mark in a private conversation they are not in. Stored marks and the ones still in the
 * {@link ReadMarkBuffer} count alike. Every method blocks on the database.
 */
public final class ReadMarkService {
    /** A mark that moved: where to, and who must hear of it. {@code peerId} is null for the group. */
    public record Moved(Conversation asSeenByReader, Long peerId, long readThrough) {
    }

    private final ChatService chat;
    private final MessageStore messages;
    private final ReadMarkStore store;
    private final ReadMarkBuffer buffer;
    private final LongFunction<String> names;
    private final RoomRoster rooms;

    public ReadMarkService(ChatService chat, MessageStore messages, ReadMarkStore store, ReadMarkBuffer buffer,
                     LongFunction<String> names, RoomRoster rooms) {
        this.chat = chat;
        this.messages = messages;
        this.store = store;
        this.buffer = buffer;
        this.names = names;
        this.rooms = rooms;
    }

    /** Moves the user's mark forward; empty when it did not move (already there or further, or nothing to read). */
    public Optional<Moved> markRead(MarkRead request, long userId) {
        Resolved r = chat.resolve(request.conversation(), userId, true).orElseThrow();
        long current = readThrough(userId, r.key());
        if (request.seq() <= current) {
            return Optional.empty();
        }
        // Reduced to the newest message: a client cannot have read what was never sent.
        long target = Math.min(request.seq(), messages.lastSeq(r.key()));
        if (target <= current) {
            return Optional.empty();
        }
        buffer.raise(userId, r.key(), target);
        return Optional.of(new Moved(r.asSeenByUser(), r.peerId(), target));
    }

    /**
     * Reply to {@code read_marks}: every member's mark above 0, sorted by name. In a room, of its members now: one who
     * left or was removed keeps their mark (it is theirs again if they come back) but no longer counts as a reader,
     * and the members who stay no longer see how far they read.
     */
    public ReadMarks marks(Conversation conversation, String requestId, long userId) {
        Resolved r = chat.resolve(conversation, userId, true).orElseThrow();
        Map<Long, Long> marks = new HashMap<>(store.marksOf(r.key()));
        buffer.pendingOf(r.key()).forEach((user, seq) -> marks.merge(user, seq, Math::max));
        Set<Long> members = r.key().isRoom() ? rooms.members(r.key().roomId()) : null;
        List<ReadMark> shown = new ArrayList<>();
        marks.forEach((user, seq) -> {
            if (seq > 0 && (members == null || members.contains(user))) {
                shown.add(new ReadMark(names.apply(user), seq));
            }
        });
        shown.sort(Comparator.comparing(ReadMark::user, String.CASE_INSENSITIVE_ORDER));
        return new ReadMarks(requestId, r.asSeenByUser(), shown);
    }

    /** The {@code conversations} reply's items, with the user's marks and, for private ones, the peer's. */
    public List<ConversationInfo> conversations(long userId) {
        MarksOfUser stored = store.marksOfUser(userId);
        Map<ConversationKey, Long> own = new HashMap<>(stored.own());
        buffer.pendingOfUser(userId).forEach((key, seq) -> own.merge(key, seq, Math::max));
        return chat.conversations(userId, key -> own.getOrDefault(key, 0L),
                key -> key.isDirect() ? Math.max(stored.peers().getOrDefault(key, 0L),
                        buffer.pending(key.otherMember(userId), key)) : null);
    }

    private long readThrough(long userId, ConversationKey key) {
        return Math.max(store.readThrough(userId, key), buffer.pending(userId, key));
    }
}
