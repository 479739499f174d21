package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.ErrorCode;

/** Display names (PROTOCOL.md §7.17) through the client core, against the real appliance. */
class DisplayNamesClientTest {
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();

    @Test
    void aNameSetByOneUserReachesTheOthersAsAnEventAndAnswersLookUps() {
        EventRecorder aliceEvents = new EventRecorder();
        EventRecorder bobEvents = new EventRecorder();
        ChatClient alice = live.user("alice", aliceEvents);
        ChatClient bob = live.user("bob", bobEvents);
        assertThat(bob.displayNames(List.of("alice")).join()).isEqualTo(Map.of("alice", Optional.empty()));

        assertThat(alice.setDisplayName("Jose\u0301").join()).contains("José");
        ClientEvent.DisplayNameChanged changed = bobEvents.await(ClientEvent.DisplayNameChanged.class,
                e -> e.username().equals("alice"));
        assertThat(changed.displayName()).contains("José");
        assertThat(bob.displayNames(List.of("ALICE", "nobody")).join())
                .containsEntry("ALICE", Optional.of("José")).containsEntry("nobody", Optional.empty());
    }

    @Test
    void aRefusedNameFailsWithItsCodeAndAClientThatWasAwayLearnsTheNewNameWhenItAsks() {
        EventRecorder events = new EventRecorder();
        ChatClient carol = live.client(events);
        carol.register("carol", RunningAppliance.PASSWORD, null, "Ольга").join();
        ChatClient dave = live.user("dave", new EventRecorder());
        assertThatThrownBy(() -> dave.setDisplayName("ОЛЬГА").join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DISPLAY_NAME_TAKEN));
        assertThatThrownBy(() -> dave.setDisplayName("da\u202Eve").join()).cause()
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DISPLAY_NAME));
        assertThat(dave.displayNames(List.of("carol")).join()).containsEntry("carol", Optional.of("Ольга"));

        dave.close();
        carol.setDisplayName("张伟").join();
        ChatClient later = live.client(new EventRecorder());
        later.login("dave", RunningAppliance.PASSWORD).join();
        assertThat(later.displayNames(List.of("carol")).join()).containsEntry("carol", Optional.of("张伟"));
    }
}
