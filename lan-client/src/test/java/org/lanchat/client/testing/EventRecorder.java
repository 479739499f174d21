package org.lanchat.client.testing;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ClientListener;
import org.lanchat.client.core.ConnectionStatus;

/** Records every event a client emits, for assertions that wait with a bounded timeout. */
public final class EventRecorder implements ClientListener {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<ClientEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(ClientEvent event) {
        events.add(event);
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

    public void awaitStatus(ConnectionStatus status) {
        await(ClientEvent.StatusChanged.class, e -> e.status() == status);
    }

    /** Messages added (not updated) whose text matches. */
    public List<ChatEntry> added(Predicate<ChatEntry> matches) {
        return all(ClientEvent.MessageAdded.class).stream().map(ClientEvent.MessageAdded::entry).filter(matches).toList();
    }

    public synchronized void clear() {
        events.clear();
    }
}
