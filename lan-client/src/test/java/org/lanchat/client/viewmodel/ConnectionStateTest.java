package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ConnectionStatus;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;

/** What the chat window says about the connection: a roster that may be out of date, and trying again now. */
class ConnectionStateTest {
    private final FakeChatService client = new FakeChatService();
    private final ChatViewModel model = new ChatViewModel(client, SameThread.EXECUTOR);

    @Test
    void whileDisconnectedTheRosterIsMarkedStaleAndReconnectNowIsOffered() {
        client.fire(new ClientEvent.StatusChanged(ConnectionStatus.ONLINE, "Connected", Optional.empty()));
        client.fire(new ClientEvent.RosterChanged(List.of("alice", "bob"), 2, List.of(), List.of()));
        assertThat(model.rosterStaleProperty().get()).isFalse();
        assertThat(model.reconnectingProperty().get()).isFalse();

        client.fire(new ClientEvent.StatusChanged(ConnectionStatus.RECONNECTING, "Connection lost. Reconnecting in 3 s…",
                Optional.of(Duration.ofSeconds(3))));

        assertThat(model.rosterStaleProperty().get()).isTrue();
        assertThat(model.reconnectingProperty().get()).isTrue();
        model.reconnectNow();
        assertThat(client.reconnectNowCalls).isEqualTo(1);

        client.fire(new ClientEvent.StatusChanged(ConnectionStatus.ONLINE, "Connected", Optional.empty()));
        assertThat(model.rosterStaleProperty().get()).isFalse();
    }
}
