package org.lanchat.client.core;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.SessionMessage;

/**
 * Tells the other members that the user is typing (PROTOCOL.md §5.21): a program calls {@link #typing} on every
 * key, and at most one {@code typing} per conversation leaves every {@link #INTERVAL}. Nothing is sent when the
 * user stops: the others' indicators expire by themselves. A notice that fails is not retried; the next key
 * sends another. On the client's loop.
 */
final class TypingSender {
    static final Duration INTERVAL = Duration.ofMillis(ConversationRequest.Typing.RESEND_INTERVAL_MS);

    private final Requests requests;
    private final Scheduler scheduler;
    /** Conversations that sent a notice less than {@link #INTERVAL} ago. */
    private final Set<String> quiet = new HashSet<>();

    TypingSender(Requests requests, Scheduler scheduler) {
        this.requests = requests;
        this.scheduler = scheduler;
    }

    void typing(Conversation conversation) {
        String key = ConversationBook.key(conversation);
        if (!quiet.add(key)) {
            return;
        }
        requests.request(id -> new ConversationRequest.Typing(id, conversation), SessionMessage.Ok.class);
        scheduler.after(INTERVAL, () -> quiet.remove(key));
    }
}
