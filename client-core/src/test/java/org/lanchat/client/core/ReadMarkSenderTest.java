package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.SessionMessage;

/** Read marks leave coalesced, at most one per conversation a second, and never while the user turned them off. */
class ReadMarkSenderTest {
    private final FakeRequests appliance = new FakeRequests();
    private final ManualScheduler time = new ManualScheduler();
    private final ReadMarkSender marks = new ReadMarkSender(appliance, time);
    private final TypingSender typing = new TypingSender(appliance, time);
    private final Conversation bob = Conversation.with("bob");

    @Test
    void marksWithinASecondLeaveAsOneWithTheNewestSeq() {
        marks.markRead(bob, 3);
        marks.markRead(bob, 4);
        marks.markRead(bob, 6);
        marks.markRead(bob, 5);
        marks.markRead(Conversation.GROUP, 9);

        assertThat(appliance.sent()).extracting(m -> ((ConversationRequest.MarkRead) m).seq()).containsExactly(3L, 9L);
        time.runDue(Duration.ofSeconds(1));
        assertThat(appliance.open(ConversationRequest.MarkRead.class)).extracting(ConversationRequest.MarkRead::seq).containsExactly(3L, 9L, 6L);
        time.runDue(Duration.ofSeconds(1));
        assertThat(appliance.sent()).as("nothing new to send").hasSize(3);
        marks.markRead(bob, 6);
        assertThat(appliance.sent()).as("not beyond what was sent").hasSize(3);
    }

    @Test
    void aMarkLostWithTheConnectionGoesAgainAfterTheNextLogin() {
        marks.markRead(bob, 3);
        ConversationRequest.MarkRead lost = appliance.open(ConversationRequest.MarkRead.class).getFirst();
        appliance.fail(lost, new ConnectionClosedException("lost"));
        time.runDue(Duration.ofSeconds(1));

        marks.sessionStarted();

        assertThat(appliance.open(ConversationRequest.MarkRead.class)).extracting(ConversationRequest.MarkRead::seq).containsExactly(3L);
    }

    @Test
    void withReadMarksOffNothingIsSent() {
        marks.enabled(false);
        marks.markRead(bob, 3);
        marks.sessionStarted();
        assertThat(appliance.sent()).isEmpty();
        marks.enabled(true);
        marks.markRead(bob, 4);
        assertThat(appliance.sent()).hasSize(1);
    }

    @Test
    void typingLeavesAtMostOnceEveryThreeSecondsPerConversation() {
        for (int key = 0; key < 20; key++) {
            typing.typing(bob);
        }
        typing.typing(Conversation.GROUP);
        time.runDue(Duration.ofMillis(2999));
        typing.typing(bob);
        assertThat(appliance.sent()).hasSize(2);
        time.runDue(Duration.ofMillis(1));
        typing.typing(bob);
        assertThat(appliance.sent()).hasSize(3).allMatch(ConversationRequest.Typing.class::isInstance);
        appliance.reply(appliance.sent().getFirst(), new SessionMessage.Ok("1"));
    }
}
