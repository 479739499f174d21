package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.core.ClientEvent.MessageAdded;
import org.lanchat.client.core.ClientEvent.MessageUpdated;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;

/** Replies, edits, deletes and reactions through the client core, against the real appliance (PROTOCOL.md §7.19). */
class ChatClientRelationsTest {
    private static final String THUMBS_UP = "\uD83D\uDC4D";
    private static final AtomicInteger USERS = new AtomicInteger();
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();

    private static String name(String prefix) {
        return prefix + USERS.incrementAndGet();
    }

    @Test
    void bothSidesSeeAReplyAnEditAReactionAndADeleteApplied() {
        EventRecorder aliceEvents = new EventRecorder();
        EventRecorder bobEvents = new EventRecorder();
        String aliceName = name("alice");
        String bobName = name("bob");
        ChatClient alice = live.user(aliceName, aliceEvents);
        ChatClient bob = live.user(bobName, bobEvents);
        Conversation withBob = Conversation.with(bobName);
        Conversation withAlice = Conversation.with(aliceName);

        ChatEntry question = alice.delivered(alice.sendText(withBob, "lunch at 12?")).join();
        ChatEntry answer = bob.delivered(bob.reply(withAlice, question.seq(), "make it 1")).join();
        assertThat(aliceEvents.await(MessageAdded.class, e -> e.entry().seq() == answer.seq()).entry().replyTo())
                .isEqualTo(question.seq());

        assertThat(alice.edit(withBob, question.seq(), "lunch at 1?").join())
                .as("the sender's own view, at once").hasValueSatisfying(e -> assertThat(e.edited()).isTrue());
        ChatEntry edited = bobEvents.await(MessageUpdated.class, e -> e.entry().edited()).entry();
        assertThat(edited.text()).isEqualTo("lunch at 1?");
        assertThat(edited.seq()).isEqualTo(question.seq());

        bob.react(withAlice, question.seq(), THUMBS_UP, false).join();
        ChatEntry reacted = aliceEvents.await(MessageUpdated.class, e -> !e.entry().reactions().isEmpty()).entry();
        assertThat(reacted.reactions()).containsExactly(new ChatEntry.Reaction(THUMBS_UP, List.of(bobName)));

        alice.delete(withBob, question.seq()).join();
        bobEvents.await(MessageUpdated.class, e -> e.entry().deleted());
        assertThat(bob.messages(withAlice).join()).extracting(ChatEntry::seq, ChatEntry::deleted)
                .containsExactly(tuple(question.seq(), true),
                        tuple(answer.seq(), false));
    }

    @Test
    void aClientThatWasOfflineCatchesUpTheChangesAppliedToTheirMessages() {
        String carolName = name("carol");
        String daveName = name("dave");
        live.appliance().newUser(daveName).close();
        TestClient carol = live.appliance().newUser(carolName);
        Conversation withDave = Conversation.with(daveName);
        Ack kept = carol.send(withDave, "first draft");
        Ack dropped = carol.send(withDave, "wrong chat");
        carol.edit(withDave, kept.seq(), "final text");
        carol.delete(withDave, dropped.seq());
        carol.react(withDave, kept.seq(), THUMBS_UP, false);

        EventRecorder events = new EventRecorder();
        ChatClient dave = live.client(events);
        dave.login(daveName, RunningAppliance.PASSWORD).join();
        events.awaitCaughtUp();
        Conversation withCarol = Conversation.with(carolName);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(dave.messages(withCarol).join())
                .extracting(ChatEntry::text, ChatEntry::edited, ChatEntry::deleted)
                .containsExactly(tuple("final text", true, false),
                        tuple(null, false, true)));
        assertThat(dave.messages(withCarol).join().getFirst().reactions())
                .containsExactly(new ChatEntry.Reaction(THUMBS_UP, List.of(carolName)));
        assertThat(dave.messages(withCarol).join()).as("changes are not messages").hasSize(2);
    }

    @Test
    void theAppliancesRefusalReachesTheCaller() {
        String erin = name("erin");
        ChatClient client = live.user(erin, new EventRecorder());
        Ack other = live.appliance().newUser(name("frank")).send(Conversation.GROUP, "not yours");
        assertThatThrownBy(() -> client.edit(Conversation.GROUP, other.seq(), "mine now").join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_YOUR_MESSAGE));
    }
}
