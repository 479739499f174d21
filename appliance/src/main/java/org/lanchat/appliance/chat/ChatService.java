package org.lanchat.appliance.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lanchat.appliance.account.UserDirectory;
import org.lanchat.appliance.core.ConversationKey;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.Relation;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.room.RoomService;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.appliance.store.MessageStore.Direction;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.ConversationInfo;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest.HistoryRequest;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.Posting.Delete;
import org.lanchat.protocol.message.Posting.Edit;
import org.lanchat.protocol.message.Posting.React;
import org.lanchat.protocol.message.Posting.Send;

/**
 * The rules of chatting: what a valid send is, and reading and clearing history. Conversations are
 * always resolved from the requesting user's side, so nobody can name a private conversation they are
 * not in: {@code "@bob"} asked by alice can only mean alice-and-bob.
 */
public final class ChatService {
    public static final int HISTORY_PAGE_MAX = 200;
    public static final int HISTORY_PAGE_DEFAULT = 50;

    /** A conversation resolved for one user: its stored key and, for private ones, the other member. */
    public record Resolved(ConversationKey key, Conversation asSeenByUser, Long peerId) {
    }

    /**
     * A send checked and resolved: what the message log commits, and the conversation as the sender's
     * {@code ack} names it (known now, so acknowledging needs no name lookup).
     */
    public record PreparedSend(MessageLog.Append append, Conversation asSeenBySender) {
    }

    private final UserDirectory directory;
    private final MessageStore messages;
    private final MessageViews views;
    private final DeliveryBudget budget;
    private final RelationRules relations;
    private final RoomService rooms;

    /** @param rooms who is in which named room ({@code "#<id>"}, §7.23) */
    public ChatService(UserDirectory directory, MessageStore messages, MessageViews views, DeliveryBudget budget,
                       RelationRules relations, RoomService rooms) {
        this.rooms = rooms;
        this.directory = directory;
        this.messages = messages;
        this.views = views;
        this.budget = budget;
        this.relations = relations;
    }

    /**
     * Checks any request that appends an entry ({@code send}, {@code edit}, {@code delete}, {@code react}) and turns it
     * into an append. A reply or a change reads its target from the database (§7.19), so for those this returns empty
     * unless {@code mayQueryDatabase}, after the checks that need no database.
     */
    public Optional<PreparedSend> prepare(Posting posting, long senderId, long originLinkId, boolean mayQueryDatabase) {
        return switch (posting) {
            case Send send when send.replyTo() == null -> prepareSend(send, senderId, originLinkId, mayQueryDatabase);
            case Send send -> {
                Relation relation = new Relation(Relation.Kind.REPLY, send.replyTo());
                checkContent(send.clientMsgId(), send.text(), send.sticker(), relation, send.attachment() != null);
                yield related(posting, send.text(), send.sticker(), relation, senderId, originLinkId, mayQueryDatabase);
            }
            case Edit edit -> {
                Relation relation = new Relation(Relation.Kind.EDIT, edit.target());
                checkContent(edit.clientMsgId(), edit.text(), null, relation);
                yield related(posting, edit.text(), null, relation, senderId, originLinkId, mayQueryDatabase);
            }
            case Delete delete -> related(posting, null, null, new Relation(Relation.Kind.DELETE, delete.target()),
                    senderId, originLinkId, mayQueryDatabase);
            case React react -> related(posting, react.emoji(), null, new Relation(
                    react.removes() ? Relation.Kind.UNREACT : Relation.Kind.REACT, react.target()),
                    senderId, originLinkId, mayQueryDatabase);
        };
    }

    /**
     * Checks a send and turns it into an append for the message log. Uses only the in-memory directory
     * unless {@code mayQueryDatabase}; returns empty when the recipient is not cached and the caller must
     * retry off the I/O thread.
     */
    public Optional<PreparedSend> prepareSend(Send send, long senderId, long originLinkId, boolean mayQueryDatabase) {
        String text = send.text();
        String sticker = send.sticker();
        checkContent(send.clientMsgId(), text, sticker, null, send.attachment() != null);
        if (send.attachment() != null && !mayQueryDatabase) {
            return Optional.empty(); // the file is looked up in the database before the message is committed (§7.24)
        }
        return resolveForPosting(send.conversation(), senderId, send.clientMsgId(), mayQueryDatabase).map(r -> new PreparedSend(
                new MessageLog.Append(senderId, r.key(), r.peerId(), send.clientMsgId(), text, sticker, originLinkId),
                r.asSeenByUser()));
    }

    private void checkContent(String clientMsgId, String text, String sticker, Relation relation) {
        checkContent(clientMsgId, text, sticker, relation, false);
    }

    private void checkContent(String clientMsgId, String text, String sticker, Relation relation, boolean withFile) {
        if (text != null && sticker != null) {
            throw new Refused(ErrorCode.INVALID_FIELD, "a message carries text or a sticker, not both");
        }
        if (sticker != null && !Stickers.exists(sticker)) {
            throw new Refused(ErrorCode.UNKNOWN_STICKER, "unknown sticker '" + sticker + "'; the welcome message lists the set");
        }
        if (sticker == null) {
            if (text == null || text.isBlank()) {
                throw new Refused(ErrorCode.EMPTY_MESSAGE, "the message is empty");
            }
            int chars = text.codePointCount(0, text.length());
            if (chars > budget.maxTextChars()) {
                throw new Refused(ErrorCode.TEXT_TOO_LONG,
                        "the message has " + chars + " characters; the limit is " + budget.maxTextChars());
            }
        }
        budget.requireDeliverable(clientMsgId, text, sticker, relation, withFile);
    }

    /** A reply or a change: resolved like a send, then its target checked, which needs the database. */
    private Optional<PreparedSend> related(Posting posting, String text, String sticker, Relation relation,
                                           long senderId, long originLinkId, boolean mayQueryDatabase) {
        if (relation.kind() == Relation.Kind.DELETE || relation.kind() == Relation.Kind.REACT
                || relation.kind() == Relation.Kind.UNREACT) {
            budget.requireDeliverable(posting.clientMsgId(), text, sticker, relation);
        }
        if (!mayQueryDatabase) {
            return Optional.empty();
        }
        Resolved r = resolveForPosting(posting.conversation(), senderId, posting.clientMsgId(), true).orElseThrow();
        try {
            relations.check(relation, r.key(), senderId);
        } catch (Refused refused) {
            // A resend of a change already stored (its ack was lost) gets that ack again (§7.3), although its target
            // may be deleted or past the edit window by now: the message log finds the original.
            if (!messages.stored(senderId, posting.clientMsgId())) {
                throw refused;
            }
        }
        return Optional.of(new PreparedSend(new MessageLog.Append(senderId, r.key(), r.peerId(), posting.clientMsgId(),
                text, sticker, originLinkId).related(relation), r.asSeenByUser()));
    }

    /**
     * Resolves where an entry goes; a private conversation with a disabled account takes none. A room the sender may
     * no longer post to still takes a resend of an entry stored under {@code clientMsgId}.
     */
    private Optional<Resolved> resolveForPosting(Conversation conversation, long senderId, String clientMsgId,
                                                 boolean mayQueryDatabase) {
        if (conversation.isRoom()) {
            Resolved room = new Resolved(ConversationKey.room(conversation.roomId()), conversation, null);
            try {
                return rooms.postableRoom(conversation.roomId(), senderId, mayQueryDatabase).map(r -> room);
            } catch (Refused refused) {
                // A resend whose ack was lost gets that ack (§7.3), although the sender left or the room was archived
                // since: the message log finds the original by its key and stores nothing (or refuses a different
                // message with client_msg_id_conflict). Looked up only when refused, so a send pays nothing for it.
                if (!mayQueryDatabase) {
                    return Optional.empty();
                }
                if (!messages.stored(senderId, clientMsgId)) {
                    throw refused;
                }
                return Optional.of(room);
            }
        }
        Optional<Resolved> resolved = resolve(conversation, senderId, mayQueryDatabase);
        resolved.filter(r -> r.peerId() != null && directory.isDisabled(r.peerId())).ifPresent(r -> {
            // Not a code of its own: clients treat codes they do not know as a passing fault and would
            // resend for ever; unknown_recipient is final, which is what a disabled account is.
            throw new Refused(ErrorCode.UNKNOWN_RECIPIENT, "the account '" + r.asSeenByUser().peer()
                    + "' is disabled; private messages to it cannot be sent");
        });
        return resolved;
    }

    /** Resolves a conversation named by a user; empty only when a database lookup was needed but not allowed. */
    public Optional<Resolved> resolve(Conversation conversation, long userId, boolean mayQueryDatabase) {
        if (conversation.isGroup()) {
            return Optional.of(new Resolved(ConversationKey.GROUP, Conversation.GROUP, null));
        }
        if (conversation.isRoom()) {
            // Only a member can name a room; anyone else hears room_not_found, whether it exists or not.
            return rooms.memberRoom(conversation.roomId(), userId, mayQueryDatabase)
                    .map(room -> new Resolved(ConversationKey.room(conversation.roomId()), conversation, null));
        }
        Optional<UserDirectory.Entry> peer = directory.cachedByName(conversation.peer());
        if (peer.isEmpty()) {
            if (!mayQueryDatabase) {
                return Optional.empty();
            }
            peer = directory.byName(conversation.peer());
        }
        UserDirectory.Entry found = peer.orElseThrow(() ->
                new Refused(ErrorCode.UNKNOWN_RECIPIENT, "there is no user called '" + conversation.peer() + "'"));
        if (found.id() == userId) {
            throw new Refused(ErrorCode.INVALID_FIELD, "a private conversation needs another user; you cannot message yourself");
        }
        return Optional.of(new Resolved(ConversationKey.direct(userId, found.id()), Conversation.with(found.username()), found.id()));
    }

    /**
     * The message {@code seq} of a conversation as named by a user, if the user may read it: a member (private
     * conversations are resolved from the user's side), not cleared for them, not deleted. Empty for every other case
     * alike, unknown users included, so a forged name learns nothing (§7.24). Blocking.
     */
    public Optional<StoredMessage> readable(Conversation conversation, long seq, long userId) {
        Optional<Resolved> resolved;
        try {
            resolved = resolve(conversation, userId, true);
        } catch (Refused e) {
            return Optional.empty();
        }
        ConversationKey key = resolved.orElseThrow().key();
        if (seq <= messages.clearedThrough(userId, key) || messages.deleted(key, seq)) {
            return Optional.empty();
        }
        return messages.entry(key, seq).filter(StoredMessage::isMessage);
    }

    /** One page of history for the requesting user. Blocking. */
    public HistoryPage history(HistoryRequest request, long userId) {
        Resolved r = resolve(request.conversation(), userId, true).orElseThrow();
        int limit = Math.min(request.limit() == null ? HISTORY_PAGE_DEFAULT : request.limit(), HISTORY_PAGE_MAX);
        long cleared = messages.clearedThrough(userId, r.key());
        MessageStore.Page page = request.after() != null
                ? messages.page(r.key(), cleared, Direction.NEWER, request.after(), limit)
                : messages.page(r.key(), cleared, Direction.OLDER, request.before() == null ? Long.MAX_VALUE : request.before(), limit);
        List<ChatMessage> shown = page.messages().stream().map(m -> views.view(m, userId)).toList();
        return new HistoryPage(request.id(), r.asSeenByUser(), shown, page.hasMore(), cleared);
    }

    /** Every conversation the user is in, with its newest sequence number. Blocking. */
    public List<ConversationInfo> conversations(long userId) {
        return conversations(userId, key -> null, key -> null);
    }

    /**
     * {@link #conversations(long)} with read marks: the user's own ({@code readThrough}) and, for private
     * conversations, the other member's ({@code peerReadThrough}). Blocking.
     */
    public List<ConversationInfo> conversations(long userId, Function<ConversationKey, Long> readThrough,
                                                Function<ConversationKey, Long> peerReadThrough) {
        Map<ConversationKey, Long> marks = messages.clearedThroughAll(userId);
        List<ConversationInfo> list = new ArrayList<>();
        list.add(new ConversationInfo(Conversation.GROUP, messages.lastSeq(ConversationKey.GROUP),
                marks.getOrDefault(ConversationKey.GROUP, 0L), readThrough.apply(ConversationKey.GROUP), null));
        for (MessageStore.ConversationSummary s : messages.privateConversationsOf(userId)) {
            list.add(new ConversationInfo(views.conversationFor(s.conversation(), userId), s.lastSeq(),
                    marks.getOrDefault(s.conversation(), 0L), readThrough.apply(s.conversation()),
                    s.conversation().isDirect() ? peerReadThrough.apply(s.conversation()) : null));
        }
        return list;
    }

    /** Hides everything sent so far in a conversation, for this user only. Blocking. */
    public void clearHistory(Conversation conversation, long userId) {
        Resolved r = resolve(conversation, userId, true).orElseThrow();
        messages.clearThrough(userId, r.key(), messages.lastSeq(r.key()));
    }
}
