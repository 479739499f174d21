package org.lanchat.client.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.SessionMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the user's read marks (PROTOCOL.md §5.19, §7.18): at most one {@code mark_read} per conversation every
 * {@link #INTERVAL}, with the newest {@code seq} asked for meanwhile, so a window scrolling through a busy room
 * sends one mark a second, not one per message. A mark the connection lost on the way goes again after the next
 * login. When the user turned read marks off, nothing is sent at all. On the client's loop.
 */
final class ReadMarkSender {
    private static final Logger log = LoggerFactory.getLogger(ReadMarkSender.class);
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Requests requests;
    private final Scheduler scheduler;
    private final Map<String, Conversation> names = new HashMap<>();
    /** The newest mark asked for, per conversation key. */
    private final Map<String, Long> wanted = new HashMap<>();
    /** The newest mark sent (or on its way), per conversation key. */
    private final Map<String, Long> sent = new HashMap<>();
    /** Conversations that sent a mark less than {@link #INTERVAL} ago: the next one waits for the timer. */
    private final Set<String> resting = new HashSet<>();
    private boolean enabled = true;

    ReadMarkSender(Requests requests, Scheduler scheduler) {
        this.requests = requests;
        this.scheduler = scheduler;
    }

    /** Turns sending on or off; marks asked for while off are never sent. */
    void enabled(boolean on) {
        enabled = on;
        if (!on) {
            wanted.clear();
        }
    }

    boolean enabled() {
        return enabled;
    }

    void markRead(Conversation conversation, long seq) {
        if (!enabled || seq < 1) {
            return;
        }
        String key = ConversationBook.key(conversation);
        if (seq <= wanted.getOrDefault(key, 0L)) {
            return;
        }
        wanted.put(key, seq);
        names.put(key, conversation);
        if (!resting.contains(key)) {
            send(key);
        }
    }

    /** After a login: what was asked for but lost with the connection goes now. */
    void sessionStarted() {
        for (String key : Set.copyOf(wanted.keySet())) {
            if (!resting.contains(key)) {
                send(key);
            }
        }
    }

    /** The user changed: their marks are not the next user's. */
    void forget() {
        wanted.clear();
        sent.clear();
        names.clear();
    }

    private void send(String key) {
        long seq = wanted.getOrDefault(key, 0L);
        long before = sent.getOrDefault(key, 0L);
        if (!enabled || seq <= before) {
            resting.remove(key);
            return;
        }
        sent.put(key, seq);
        resting.add(key);
        requests.request(id -> new ConversationRequest.MarkRead(id, names.get(key), seq), SessionMessage.Ok.class)
                .whenComplete((ok, failure) -> {
                    if (failure == null) {
                        return;
                    }
                    if (Failures.unwrap(failure) instanceof ConnectionClosedException && sent.getOrDefault(key, 0L) == seq) {
                        sent.put(key, before); // goes again after the next login
                    } else {
                        log.debug("Read mark for {} not taken: {}", key, Failures.unwrap(failure).toString());
                    }
                });
        scheduler.after(INTERVAL, () -> send(key));
    }
}
