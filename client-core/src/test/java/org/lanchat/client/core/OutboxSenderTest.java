package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.Posting.Send;

/** The outbox against a fake appliance (PROTOCOL.md §7.3): sent once acknowledged, resent with the same id until then. */
class OutboxSenderTest {
    private final FakeRequests appliance = new FakeRequests();
    private final ManualScheduler clock = new ManualScheduler();
    private final EventRecorder events = new EventRecorder();
    private final ConversationBook book = new ConversationBook(events);
    private boolean online = true;
    private final OutboxSender outbox = new OutboxSender(appliance, book, clock, () -> online);

    @BeforeEach
    void loggedIn() {
        book.owner("alice", false);
    }

    private static ChatEntry typed(String text) {
        return ChatEntry.pending(Conversation.GROUP, "alice", text, null);
    }

    private static Ack ack(Send send, long seq) {
        return new Ack(send.id(), send.clientMsgId(), 100 + seq, Conversation.GROUP, seq, 1_700_000_000_000L, false);
    }

    /** What peer mode keeps of a message it signed; the signature itself does not matter here. */
    private static PeerAssistStore.Held signed(ChatEntry entry) {
        try {
            byte[] key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            return new PeerAssistStore.Held(new PeerCredential("alice", key, 1L, 2L, new byte[] {1}, new byte[] {2}),
                    new DirectMessage(entry.clientMsgId(), entry.conversation(), entry.text(), null, entry.sentAt(),
                            new byte[] {3}));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static ChatException refused(ErrorCode code, Long retryAfterMs) {
        return new ChatException(code, code.wireName(), Optional.ofNullable(retryAfterMs).map(Duration::ofMillis));
    }

    private Send onlySendOnTheWire() {
        List<Send> open = appliance.open(Send.class);
        assertThat(open).hasSize(1);
        return open.getFirst();
    }

    @Test
    void aMessageIsShownPendingSentAndShownDeliveredWhenAcknowledged() {
        ChatEntry hello = typed("hello");
        outbox.add(hello);
        CompletableFuture<ChatEntry> delivered = outbox.delivered(hello);

        Send send = onlySendOnTheWire();
        assertThat(send.clientMsgId()).isEqualTo(hello.clientMsgId());
        assertThat(events.pending()).extracting(ChatEntry::key).containsExactly(hello.key());
        appliance.reply(send, ack(send, 7));

        assertThat(delivered).isCompletedWithValueMatching(e -> e.seq() == 7 && e.delivery() == Delivery.DELIVERED);
        assertThat(events.pending()).isEmpty();
        assertThat(book.entries(Conversation.GROUP)).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo(hello.key());
            assertThat(e.delivery()).isEqualTo(Delivery.DELIVERED);
        });
        assertThat(outbox.delivered(hello)).as("asked again after the ack").isCompletedWithValueMatching(e -> e.seq() == 7);
    }

    @Test
    void typedWhileOfflineItWaitsAndGoesOutOnceOnline() {
        online = false;
        ChatEntry queued = typed("while away");
        outbox.add(queued);
        assertThat(appliance.sent()).isEmpty();
        assertThat(events.pending()).hasSize(1);

        online = true;
        outbox.flush();
        assertThat(onlySendOnTheWire().clientMsgId()).isEqualTo(queued.clientMsgId());
        outbox.flush();
        assertThat(appliance.sent()).as("a message on the wire is not sent twice").hasSize(1);
    }

    @Test
    void aMessageTypedAfterAReplyWaitsForTheReplysAckSoTheApplianceStoresThemInTheOrderTyped() {
        ChatEntry reply = ChatEntry.pending(Conversation.GROUP, "alice", "yes, at noon", null, 118L);
        ChatEntry after = typed("and bring the slides");
        outbox.add(reply);
        outbox.add(after);

        Send first = onlySendOnTheWire();
        assertThat(first.clientMsgId()).as("the appliance may store a reply after a plain message sent later")
                .isEqualTo(reply.clientMsgId());
        appliance.reply(first, ack(first, 8));
        assertThat(onlySendOnTheWire().clientMsgId()).isEqualTo(after.clientMsgId());
    }

    @Test
    void plainMessagesGoOutTogetherWithoutWaitingForEachOthersAck() {
        outbox.add(typed("one"));
        outbox.add(typed("two"));
        outbox.add(typed("three"));

        assertThat(appliance.open(Send.class)).extracting(Send::text).containsExactly("one", "two", "three");
    }

    @Test
    void aMessageNoColleagueCouldTakeWhileTheApplianceIsAwayStaysOnItsWayNotSentDirectly() {
        online = false;
        boolean[] reached = {false};
        OutboxSender direct = new OutboxSender(appliance, book, clock, () -> online,
                entry -> Optional.of(new OutboxSender.Signed(signed(entry), reached[0])));
        ChatEntry toNobody = typed("anyone?");
        direct.add(toNobody);
        assertThat(events.pending()).extracting(ChatEntry::key).containsExactly(toNobody.key());

        reached[0] = true;
        ChatEntry toBob = typed("bob is linked now");
        direct.add(toBob);
        assertThat(book.entries(Conversation.GROUP)).filteredOn(e -> e.key().equals(toBob.key()))
                .singleElement().extracting(ChatEntry::delivery).isEqualTo(Delivery.DIRECT);
        assertThat(book.entries(Conversation.GROUP)).filteredOn(e -> e.key().equals(toNobody.key()))
                .singleElement().extracting(ChatEntry::delivery).isEqualTo(Delivery.PENDING);
    }

    @Test
    void busyIsRetriedWithTheSameIdAfterTheWaitTheApplianceNamed() {
        ChatEntry entry = typed("busy?");
        outbox.add(entry);
        appliance.fail(onlySendOnTheWire(), refused(ErrorCode.BUSY, 700L));

        assertThat(clock.waiting()).containsExactly(Duration.ofMillis(700));
        assertThat(events.pending()).as("still pending, not failed").hasSize(1);
        clock.runDue(Duration.ofMillis(700));
        assertThat(onlySendOnTheWire().clientMsgId()).isEqualTo(entry.clientMsgId());
    }

    @Test
    void aRefusalForGoodMarksTheMessageFailedUntilTheUserRetriesIt() {
        ChatEntry entry = ChatEntry.pending(Conversation.with("nobody"), "alice", "hello?", null);
        outbox.add(entry);
        CompletableFuture<ChatEntry> delivered = outbox.delivered(entry);
        appliance.fail(onlySendOnTheWire(), refused(ErrorCode.UNKNOWN_RECIPIENT, null));

        assertThat(clock.waiting()).as("not resent by itself").isEmpty();
        ChatEntry failed = events.await(ClientEvent.MessageUpdated.class, e -> e.entry().delivery() == Delivery.FAILED).entry();
        assertThat(failed.failure().orElseThrow().code()).contains(ErrorCode.UNKNOWN_RECIPIENT);
        assertThat(delivered).isCompletedExceptionally();
        assertThat(delivered.exceptionNow()).isInstanceOf(MessageNotSentException.class).hasMessage("unknown_recipient");

        outbox.retry(entry.clientMsgId());
        assertThat(onlySendOnTheWire().clientMsgId()).as("retried with its own id").isEqualTo(entry.clientMsgId());
        assertThat(events.pending()).hasSize(1);
    }

    @Test
    void anInternalErrorIsNotResentBlindly() {
        outbox.add(typed("boom"));
        appliance.fail(onlySendOnTheWire(), refused(ErrorCode.INTERNAL_ERROR, null));

        assertThat(clock.waiting()).isEmpty();
        assertThat(events.await(ClientEvent.MessageUpdated.class, e -> true).entry().delivery()).isEqualTo(Delivery.FAILED);
    }

    @Test
    void aTimeoutOnALiveConnectionIsResentAfterASecond() {
        ChatEntry entry = typed("anyone?");
        outbox.add(entry);
        appliance.fail(onlySendOnTheWire(), new TimeoutException());

        assertThat(clock.waiting()).containsExactly(OutboxSender.RESEND);
        clock.runDue(OutboxSender.RESEND);
        assertThat(onlySendOnTheWire().clientMsgId()).isEqualTo(entry.clientMsgId());
    }

    @Test
    void aLostConnectionLeavesTheMessageForTheReconnectAndTheOldAttemptCannotCauseAThird() {
        ChatEntry entry = typed("across a reconnect");
        outbox.add(entry);
        Send first = onlySendOnTheWire();

        online = false;
        outbox.offTheWire();
        online = true;
        outbox.flush(); // the session is back
        Send second = appliance.open(Send.class).getLast();
        appliance.fail(first, new ConnectionClosedException("connection lost"));

        assertThat(clock.waiting()).isEmpty();
        outbox.flush();
        assertThat(appliance.open(Send.class)).as("only the second attempt is on the wire").containsExactly(second);
        assertThat(second.clientMsgId()).isEqualTo(entry.clientMsgId());
    }

    @Test
    void twoAcksForOneMessageShowItOnce() {
        ChatEntry entry = typed("twice");
        outbox.add(entry);
        Send first = onlySendOnTheWire();
        outbox.offTheWire();
        outbox.flush();
        Send second = appliance.open(Send.class).getLast();

        appliance.reply(second, ack(second, 3));
        appliance.reply(first, ack(first, 3));

        assertThat(events.all(ClientEvent.MessageUpdated.class)).as("pending -> delivered, once").hasSize(1);
        assertThat(book.entries(Conversation.GROUP)).hasSize(1);
    }

    @Test
    void loggingOutShowsEveryUnsentMessageFailed() {
        online = false;
        ChatEntry one = typed("one");
        ChatEntry two = typed("two");
        outbox.add(one);
        outbox.add(two);
        CompletableFuture<ChatEntry> waiting = outbox.delivered(two);

        outbox.failAll(ClientProblem.of(ClientProblem.Kind.LOGGED_OUT, "not sent: you logged out"));

        assertThat(events.pending()).isEmpty();
        assertThat(book.entries(Conversation.GROUP)).extracting(ChatEntry::delivery).containsOnly(Delivery.FAILED);
        assertThat(waiting.exceptionNow()).hasMessage("not sent: you logged out");
        online = true;
        outbox.flush();
        assertThat(appliance.sent()).isEmpty();
    }

    @Test
    void aMessageThisClientNeverSentCannotBeAwaited() {
        ChatEntry elsewhere = typed("from another computer");
        assertThat(outbox.delivered(elsewhere).exceptionNow()).isInstanceOf(IllegalArgumentException.class);
    }
}
