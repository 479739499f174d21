package org.lanchat.client.core;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.Posting;

/**
 * Edits, deletes and reactions the user makes (PROTOCOL.md §5.22–5.24). Unlike messages they do not wait in the outbox:
 * each is one request, refused at once when the appliance cannot be reached, because a change made while away could
 * be refused later for reasons the user can no longer act on (the edit window closed, the message deleted). The
 * appliance does not echo a change to the connection that made it, so once acknowledged it is applied here as the
 * entry the others receive. On the client's loop.
 */
final class ChangeRequests {
    private final Requests requests;
    private final ConversationBook book;
    private final Supplier<Optional<String>> me;

    ChangeRequests(Requests requests, ConversationBook book, Supplier<Optional<String>> me) {
        this.requests = requests;
        this.book = book;
        this.me = me;
    }

    /** Completes with the edited message as it now stands here, or empty when the client does not hold it. */
    CompletableFuture<Optional<ChatEntry>> edit(Conversation conversation, long seq, String text) {
        String clientMsgId = ClientMessageIds.next();
        return send(id -> new Posting.Edit(id, clientMsgId, conversation, seq, text),
                ack -> entry(ack, text, seq, null, null, null, null));
    }

    CompletableFuture<Optional<ChatEntry>> delete(Conversation conversation, long seq) {
        String clientMsgId = ClientMessageIds.next();
        return send(id -> new Posting.Delete(id, clientMsgId, conversation, seq),
                ack -> entry(ack, ChatMessage.DELETED_FALLBACK, null, seq, null, null, null));
    }

    CompletableFuture<Optional<ChatEntry>> react(Conversation conversation, long seq, String emoji, boolean remove) {
        String clientMsgId = ClientMessageIds.next();
        return send(id -> new Posting.React(id, clientMsgId, conversation, seq, emoji, remove ? Boolean.TRUE : null),
                ack -> entry(ack, ChatMessage.reactionFallback(emoji, remove), null, null, seq, emoji,
                        remove ? Boolean.TRUE : null));
    }

    private CompletableFuture<Optional<ChatEntry>> send(Function<String, ClientMessage> request,
            Function<Ack, ChatMessage> asEntry) {
        return requests.request(request, Ack.class).thenApply(ack -> {
            ChatMessage change = asEntry.apply(ack);
            book.live(change);
            return book.find(change.conversation()).flatMap(conv -> conv.entries().stream()
                    .filter(e -> e.seq() == MessageChanges.targetOf(change)).findFirst());
        });
    }

    private ChatMessage entry(Ack ack, String text, Long edits, Long deletes, Long reactsTo, String reaction,
            Boolean removeReaction) {
        return new ChatMessage(ack.messageId(), ack.conversation(), ack.seq(), me.get().orElse(""), ack.clientMsgId(), text,
                null, ack.sentAt(), null, edits, deletes, reactsTo, reaction, removeReaction);
    }
}
