package org.lanchat.appliance.net;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.lanchat.appliance.chat.ChangesOneAtATime;
import org.lanchat.appliance.chat.ChatService.PreparedSend;
import org.lanchat.appliance.chat.MessageLog.Accepted;
import org.lanchat.appliance.chat.MessageLog.Append;
import org.lanchat.appliance.core.AttachedFile;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.StoredMessage;
import org.lanchat.appliance.limits.SendLimits;
import org.lanchat.appliance.relay.FramedParts;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ConversationInfo;
import org.lanchat.protocol.message.ConversationMessage.ConversationList;
import org.lanchat.protocol.message.ConversationRequest.ClearHistory;
import org.lanchat.protocol.message.ConversationRequest.ConversationsRequest;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.Posting.Send;
import org.lanchat.protocol.message.SessionMessage.Ok;

/**
 * The chat requests of a logged-in connection: {@code send}, {@code edit}, {@code delete} and {@code react} (checked on the I/O thread when it can be,
 * committed by the message log, acknowledged on the connection's thread once committed),
 * {@code conversations} and {@code clear_history}. Shared by every connection.
 */
public final class ChatRequests {
    /**
     * Checks a send (or an edit, delete or reaction) and resolves its conversation
     * ({@link org.lanchat.appliance.chat.ChatService#prepare}); empty when that needs the database and
     * {@code mayQueryDatabase} is false. Throws {@link Refused}.
     */
    @FunctionalInterface
    public interface SendCheck {
        Optional<PreparedSend> check(Posting posting, long senderId, long linkId, boolean mayQueryDatabase);
    }

    private final SendCheck check;
    /** A user's edits and deletes are checked after the one before is committed (§7.19). */
    private final ChangesOneAtATime ownChanges = new ChangesOneAtATime();
    private final Function<Append, CompletableFuture<Accepted>> commit;
    private final LongFunction<List<ConversationInfo>> conversations;
    private final BiConsumer<Conversation, Long> clearHistory;
    private final SendLimits limits;
    private final BiFunction<String, Long, AttachedFile> attachable;
    private final BiPredicate<Long, String> resent;

    /**
     * @param commit        queues an append for group commit (the message log)
     * @param conversations a user's conversations; blocking
     * @param clearHistory  clears a conversation for one user; blocking
     * @param limits        sends per second per connection and per user, checked before anything else
     * @param attachable    the file a user may send by its id ({@code AttachmentService#attachable}); blocking, throws
     *                      {@link Refused}
     * @param resent        whether the sender already stored an entry under the client message id (a resend); blocking
     */
    public ChatRequests(SendCheck check, Function<Append, CompletableFuture<Accepted>> commit,
                        LongFunction<List<ConversationInfo>> conversations, BiConsumer<Conversation, Long> clearHistory,
                        SendLimits limits, BiFunction<String, Long, AttachedFile> attachable,
                        BiPredicate<Long, String> resent) {
        this.attachable = attachable;
        this.resent = resent;
        this.limits = limits;
        this.check = check;
        this.commit = commit;
        this.conversations = conversations;
        this.clearHistory = clearHistory;
    }

    void send(Posting send, Identity me, Connection connection, RequestRunner runner) {
        try {
            limits.admit(me.userId(), connection.sendBucket(limits::newConnectionBucket), connection.address(),
                    switch (send) {
                        case Posting.Send s -> s.text();
                        case Posting.Edit e -> e.text();
                        default -> null;
                    });
            Optional<PreparedSend> prepared = check.check(send, me.userId(), connection.id(), false);
            if (prepared.isPresent()) {
                commit(send, prepared.get(), connection);
            } else {
                // The recipient is not in the in-memory directory, or the message carries a file: look them up off the
                // I/O thread.
                Supplier<CompletableFuture<Accepted>> checkAndCommit = () -> commit(send, withFile(send, me.userId(),
                        check.check(send, me.userId(), connection.id(), true).orElseThrow()), connection);
                runner.run(send.id(), send instanceof Posting.Edit || send instanceof Posting.Delete
                        ? () -> ownChanges.inTurn(me.userId(), () -> checkAndCommit.get().exceptionally(failed -> null).join())
                        : checkAndCommit::get);
            }
        } catch (Refused e) {
            connection.send(ErrorReplies.of(send.id(), e, connection.id()));
        }
    }

    /**
     * The user's conversations, in parts when they outgrow a frame (§6.9): every room one is invited to is one more,
     * and a list that could not be sent kept the client from ever catching up. The parts are written one after
     * the other from this worker, so they arrive in order.
     */
    void conversations(ConversationsRequest request, Identity me, Connection connection, RequestRunner runner) {
        runner.run(request.id(), () -> FramedParts.encode(conversations.apply(me.userId()),
                        (run, detail) -> new ConversationList(request.id(), run.items(), run.last() ? null : Boolean.TRUE),
                        connection.codec())
                .forEach(connection::send));
    }

    void clearHistory(ClearHistory request, Identity me, RequestRunner runner) {
        runner.reply(request.id(), () -> {
            clearHistory.accept(request.conversation(), me.userId());
            return new Ok(request.id());
        });
    }

    /** A send that names a file carries it, once the file is found to be the sender's to send (§7.24). Blocking. */
    private PreparedSend withFile(Posting posting, long userId, PreparedSend prepared) {
        if (posting instanceof Send send && send.attachment() != null) {
            AttachedFile file;
            try {
                file = attachable.apply(send.attachment(), userId);
            } catch (Refused refused) {
                // A resend whose ack was lost gets that ack although its file expired since (§7.3). The message log
                // finds the original by its key and compares files by id only; this stand-in is never stored.
                if (!resent.test(userId, send.clientMsgId())) {
                    throw refused;
                }
                file = new AttachedFile(send.attachment(), 0, "application/octet-stream", null, null);
            }
            return new PreparedSend(prepared.append().carrying(file), prepared.asSeenBySender());
        }
        return prepared;
    }

    /**
     * The ack is encoded on the connection's own thread, not on the thread that completes the commit. Returns the
     * commit, which the caller may wait for.
     */
    private CompletableFuture<Accepted> commit(Posting send, PreparedSend prepared, Connection connection) {
        CompletableFuture<Accepted> committed = commit.apply(prepared.append());
        committed.whenCompleteAsync((accepted, failure) -> {
            if (failure != null) {
                connection.send(ErrorReplies.of(send.id(), failure, connection.id()));
                return;
            }
            StoredMessage m = accepted.message();
            connection.send(new Ack(send.id(), send.clientMsgId(), m.id(), prepared.asSeenBySender(), m.seq(),
                    m.sentAt(), accepted.duplicate()));
        }, connection.lane());
        return committed;
    }
}
