package org.lanchat.client.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ClientListener;
import org.lanchat.client.core.ConnectionStatus;
import org.lanchat.client.core.Delivery;
import org.lanchat.protocol.message.Conversation;

/**
 * Records every event a client emits, and what they add up to — the latest status and roster, each
 * conversation's unread count, the user's own messages still pending, how often the client caught up — for
 * assertions that wait with a bounded timeout. Tests observe the client the way its users do: by its events.
 */
public final class EventRecorder implements ClientListener {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<ClientEvent> events = new ArrayList<>();
    private ConnectionStatus status = ConnectionStatus.OFFLINE;
    private List<String> online = List.of();
    private final Map<String, Integer> unread = new HashMap<>();
    private final Map<String, ChatEntry> own = new LinkedHashMap<>();
    private int caughtUp;

    @Override
    public synchronized void onEvent(ClientEvent event) {
        events.add(event);
        switch (event) {
            case ClientEvent.StatusChanged s -> status = s.status();
            case ClientEvent.RosterChanged r -> online = r.online();
            case ClientEvent.ConversationChanged c -> unread.put(key(c.summary().conversation()), c.summary().unread());
            case ClientEvent.MessageAdded added when added.entry().own() -> own.put(added.entry().key(), added.entry());
            case ClientEvent.MessageUpdated updated -> own.put(updated.entry().key(), updated.entry());
            case ClientEvent.CaughtUp c -> caughtUp++;
            default -> {
            }
        }
    }

    public synchronized List<ClientEvent> all() {
        return List.copyOf(events);
    }

    public <T extends ClientEvent> List<T> all(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits for an event of this type that matches, and returns it. */
    public <T extends ClientEvent> T await(Class<T> type, Predicate<T> matches) {
        return Awaitility.await().atMost(TIMEOUT).until(
                () -> all(type).stream().filter(matches).findFirst().orElse(null), e -> e != null);
    }

    /** Waits until the client has reported this status (now or earlier since the last {@link #clear()}). */
    public void awaitStatus(ConnectionStatus wanted) {
        await(ClientEvent.StatusChanged.class, e -> e.status() == wanted);
    }

    /** Waits for a catch-up reported since the last {@link #clear()}. */
    public void awaitCaughtUp() {
        Awaitility.await().atMost(TIMEOUT).until(() -> caughtUps() > 0);
    }

    public void awaitUnread(Conversation conversation, int count) {
        Awaitility.await().atMost(TIMEOUT).until(() -> unread(conversation) == count);
    }

    /** Waits until none of the user's own messages is pending any more (each delivered or failed). */
    public void awaitNothingPending() {
        Awaitility.await().atMost(TIMEOUT).until(() -> pending().isEmpty());
    }

    /** The status the client reported last. */
    public synchronized ConnectionStatus status() {
        return status;
    }

    /** Who was online in the last roster change. */
    public synchronized List<String> online() {
        return online;
    }

    /** The conversation's unread count, as the client reported it last. */
    public synchronized int unread(Conversation conversation) {
        return unread.getOrDefault(key(conversation), 0);
    }

    /** The user's own messages whose latest state is pending: what the outbox still holds. */
    public synchronized List<ChatEntry> pending() {
        return own.values().stream().filter(e -> e.delivery() == Delivery.PENDING).toList();
    }

    public synchronized int caughtUps() {
        return caughtUp;
    }

    /** Messages added (not updated) that match. */
    public List<ChatEntry> added(Predicate<ChatEntry> matches) {
        return all(ClientEvent.MessageAdded.class).stream().map(ClientEvent.MessageAdded::entry).filter(matches).toList();
    }

    /** Forgets the events so far and the catch-ups; the latest status, roster and counts stand. */
    public synchronized void clear() {
        events.clear();
        caughtUp = 0;
    }

    private static String key(Conversation conversation) {
        return conversation.value().toLowerCase(Locale.ROOT);
    }
}
