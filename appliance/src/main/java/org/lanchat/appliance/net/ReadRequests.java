package org.lanchat.appliance.net;

import java.util.Optional;
import org.lanchat.appliance.chat.ChatService;
import org.lanchat.appliance.chat.ChatService.Resolved;
import org.lanchat.appliance.chat.ReadMarkService;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.limits.TypingLimits;
import org.lanchat.appliance.relay.MessageRouter;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.Read;
import org.lanchat.protocol.message.ConversationRequest.MarkRead;
import org.lanchat.protocol.message.ConversationRequest.ReadMarksRequest;
import org.lanchat.protocol.message.ConversationRequest.Typing;
import org.lanchat.protocol.message.SessionMessage.Ok;

/**
 * {@code mark_read}, {@code read_marks} and {@code typing} of a logged-in connection (PROTOCOL §7.18), and the
 * {@code read} and {@code typing} events they cause. Nothing here touches the message commit path. Shared by
 * every connection.
 */
public final class ReadRequests {
    /** Resolves a conversation named by a user ({@link ChatService#resolve}); throws {@link Refused}. */
    @FunctionalInterface
    public interface Resolver {
        Optional<Resolved> resolve(Conversation conversation, long userId, boolean mayQueryDatabase);
    }

    private final ReadMarkService marks;
    private final Resolver resolver;
    private final TypingLimits typing;
    private final MessageRouter router;

    public ReadRequests(ReadMarkService marks, Resolver resolver, TypingLimits typing, MessageRouter router) {
        this.marks = marks;
        this.resolver = resolver;
        this.typing = typing;
        this.router = router;
    }

    void markRead(MarkRead request, Identity me, Connection connection, RequestRunner runner) {
        runner.reply(request.id(), () -> {
            marks.markRead(request, me.userId()).ifPresent(moved -> {
                // The reader's other devices (unread counts), and in a private conversation the peer ("read" ticks).
                // Nobody else: in a room, members ask with read_marks instead of hearing every member's every mark.
                router.signal(me.userId(), new Read(moved.asSeenByReader(), me.username(), moved.readThrough()),
                        connection.id());
                if (moved.peerId() != null) {
                    router.signal(moved.peerId(), new Read(Conversation.with(me.username()), me.username(),
                            moved.readThrough()), 0);
                }
            });
            return new Ok(request.id());
        });
    }

    void readMarks(ReadMarksRequest request, Identity me, RequestRunner runner) {
        runner.reply(request.id(), () -> marks.marks(request.conversation(), request.id(), me.userId()));
    }

    void typing(Typing request, Identity me, Connection connection, RequestRunner runner) {
        try {
            Optional<Resolved> resolved = resolver.resolve(request.conversation(), me.userId(), false);
            if (resolved.isPresent()) {
                relayTyping(resolved.get(), me);
                connection.send(new Ok(request.id()));
            } else {
                // The peer is not in the in-memory directory: look them up off the I/O thread.
                runner.reply(request.id(), () -> {
                    relayTyping(resolver.resolve(request.conversation(), me.userId(), true).orElseThrow(), me);
                    return new Ok(request.id());
                });
            }
        } catch (Refused e) {
            connection.send(ErrorReplies.of(request.id(), e, connection.id()));
        }
    }

    private void relayTyping(Resolved r, Identity me) {
        if (!typing.admit(me.userId(), r.key())) {
            return;
        }
        int expires = ConversationMessage.Typing.EXPIRES_IN_MS;
        if (r.key().isRoom()) {
            router.signalRoom(r.key().roomId(), new ConversationMessage.Typing(r.asSeenByUser(), me.username(), expires),
                    me.userId());
        } else if (r.peerId() == null) {
            router.signalEveryone(new ConversationMessage.Typing(Conversation.GROUP, me.username(), expires), me.userId());
        } else {
            router.signal(r.peerId(), new ConversationMessage.Typing(Conversation.with(me.username()), me.username(), expires), 0);
        }
    }
}
