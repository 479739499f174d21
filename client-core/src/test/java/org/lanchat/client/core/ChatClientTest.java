package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.account.PasswordHasher;
import org.lanchat.appliance.admin.AdminReply;
import org.lanchat.appliance.admin.AdminRequest;
import org.lanchat.appliance.admin.AdminService;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.core.ClientEvent.ConversationChanged;
import org.lanchat.client.core.ClientEvent.MessageAdded;
import org.lanchat.client.core.ClientEvent.RosterChanged;
import org.lanchat.client.core.net.ConnectionClosedException;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;

/** The client core against the real appliance, one appliance for the class, fresh users per test. */
class ChatClientTest {
    private static final AtomicInteger USERS = new AtomicInteger();
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();

    private static String name(String prefix) {
        return prefix + USERS.incrementAndGet();
    }

    @Test
    void wrongPasswordIsRefusedWithAuthFailedAndTheClientStaysOffline() {
        String alice = name("alice");
        live.appliance().newUser(alice);
        EventRecorder events = new EventRecorder();
        ChatClient client = live.client(events);

        assertThatThrownBy(() -> client.login(alice, "not the password").join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED));
        assertThat(events.status()).isEqualTo(ConnectionStatus.OFFLINE);

        Session session = client.login(alice.toUpperCase(), RunningAppliance.PASSWORD).join();
        assertThat(session.username()).isEqualTo(alice);
        assertThat(session.stickers()).isNotEmpty();
        assertThat(events.status()).isEqualTo(ConnectionStatus.ONLINE);
    }

    @Test
    void groupMessageReachesTheOtherUserOnceAndTheSenderSeesItDelivered() {
        EventRecorder aliceEvents = new EventRecorder();
        EventRecorder bobEvents = new EventRecorder();
        ChatClient alice = live.user(name("alice"), aliceEvents);
        ChatClient bob = live.user(name("bob"), bobEvents);
        String text = "hello group " + USERS.get();

        ChatEntry pending = alice.sendText(Conversation.GROUP, text);
        assertThat(pending.delivery()).isEqualTo(Delivery.PENDING);

        ChatEntry delivered = aliceEvents.await(ClientEvent.MessageUpdated.class, e -> e.entry().key().equals(pending.key())).entry();
        assertThat(delivered.delivery()).isEqualTo(Delivery.DELIVERED);
        assertThat(delivered.seq()).isPositive();
        MessageAdded received = bobEvents.await(MessageAdded.class, e -> text.equals(e.entry().text()));
        assertThat(received.live()).isTrue();
        assertThat(received.entry().own()).isFalse();
        assertThat(received.entry().messageId()).isEqualTo(delivered.messageId());
        assertThat(bob.messages(Conversation.GROUP).join()).filteredOn(e -> text.equals(e.text())).hasSize(1);
        assertThat(alice.messages(Conversation.GROUP).join()).filteredOn(e -> text.equals(e.text())).hasSize(1);
        assertThat(aliceEvents.pending()).isEmpty();
    }

    @Test
    void rosterFollowsPresence() {
        EventRecorder events = new EventRecorder();
        live.user(name("carol"), events);
        String dave = name("dave");
        TestClient daveClient = live.appliance().newUser(dave);

        events.await(RosterChanged.class, e -> e.joined().contains(dave) && e.online().contains(dave));
        daveClient.close();
        RosterChanged left = events.await(RosterChanged.class, e -> e.left().contains(dave));
        assertThat(left.online()).doesNotContain(dave);
        assertThat(left.count()).isEqualTo(left.online().size());
    }

    @Test
    void privateMessagesCountAsUnreadUntilTheConversationIsActivated() {
        EventRecorder aliceEvents = new EventRecorder();
        EventRecorder bobEvents = new EventRecorder();
        String aliceName = name("alice");
        String bobName = name("bob");
        ChatClient alice = live.user(aliceName, aliceEvents);
        ChatClient bob = live.user(bobName, bobEvents);

        alice.sendText(Conversation.with(bobName), "psst 1");
        alice.sendText(Conversation.with(bobName), "psst 2");

        Conversation withAlice = Conversation.with(aliceName);
        bobEvents.awaitUnread(withAlice, 2);
        bob.activate(withAlice);
        bobEvents.awaitUnread(withAlice, 0);
        alice.sendText(Conversation.with(bobName), "psst 3");
        ConversationChanged third = bobEvents.await(ConversationChanged.class,
                e -> e.summary().last().map(ChatEntry::text).equals(Optional.of("psst 3")));
        assertThat(third.summary().unread()).as("a message in the open conversation is read").isZero();
        assertThat(bob.messages(withAlice).join()).extracting(ChatEntry::text).containsExactly("psst 1", "psst 2", "psst 3");
    }

    @Test
    void offlinePrivateMessagesArriveAtLoginAsUnread() {
        String erin = name("erin");
        String frank = name("frank");
        live.appliance().newUser(erin).close();
        TestClient frankClient = live.appliance().newUser(frank);
        frankClient.send(Conversation.with(erin), "while you were out");

        EventRecorder events = new EventRecorder();
        ChatClient client = live.client(events);
        client.login(erin, RunningAppliance.PASSWORD).join();

        events.await(MessageAdded.class, e -> "while you were out".equals(e.entry().text()));
        events.awaitUnread(Conversation.with(frank), 1);
    }

    @Test
    void clientsSharingOneLoopThreadTalkToEachOther() {
        ScheduledExecutorService shared = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        try {
            String pia = name("pia");
            String quinn = name("quinn");
            EventRecorder quinnEvents = new EventRecorder();
            ChatClient piaClient = new ChatClient(live.connector(), LiveAppliance.OPTIONS, shared);
            ChatClient quinnClient = new ChatClient(live.connector(), LiveAppliance.OPTIONS, shared);
            quinnClient.addListener(quinnEvents, Runnable::run);
            live.track(piaClient);
            live.track(quinnClient);
            piaClient.register(pia, RunningAppliance.PASSWORD, null).join();
            quinnClient.register(quinn, RunningAppliance.PASSWORD, null).join();

            ChatEntry sent = piaClient.sendText(Conversation.with(quinn), "same thread, two sessions");

            assertThat(piaClient.delivered(sent).join().seq()).isPositive();
            quinnEvents.await(MessageAdded.class, e -> "same thread, two sessions".equals(e.entry().text()));
            // Presence is announced in coalesced steps, so the roster at login may not list quinn yet.
            quinnEvents.await(RosterChanged.class, e -> e.online().containsAll(List.of(pia, quinn)));
            assertThat(quinnClient.online().join().users()).contains(pia, quinn);
        } finally {
            shared.shutdownNow();
        }
    }

    @Test
    void aClosedClientFailsRequestsWithConnectionClosedInsteadOfThrowing() {
        ChatClient client = live.user(name("olga"), new EventRecorder());
        client.close();
        // A list cell asking for an avatar after the window closed must get a failed future, not an exception.
        assertThat(client.avatar("olga").toCompletableFuture())
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().havingRootCause().isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void emptyAndOverlongMessagesAreNotSent() {
        EventRecorder events = new EventRecorder();
        ChatClient client = live.user(name("gina"), events);
        assertThatThrownBy(() -> client.sendText(Conversation.GROUP, "  \n\t ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.sendText(Conversation.GROUP, "x".repeat(4001))).isInstanceOf(IllegalArgumentException.class);
        ChatEntry sentinel = client.sendText(Conversation.GROUP, "x".repeat(4000));

        assertThat(client.delivered(sentinel).join().delivery()).isEqualTo(Delivery.DELIVERED);
        assertThat(events.added(ChatEntry::own)).as("only the message that fits was queued").extracting(ChatEntry::key)
                .containsExactly(sentinel.key());
    }

    @Test
    void refusedMessagesAreMarkedFailedNotRetried() {
        EventRecorder events = new EventRecorder();
        ChatClient client = live.user(name("hank"), events);
        ChatEntry entry = client.sendText(Conversation.with("nobody-" + USERS.get()), "hello?");

        ChatEntry failed = events.await(ClientEvent.MessageUpdated.class,
                e -> e.entry().key().equals(entry.key()) && e.entry().delivery() == Delivery.FAILED).entry();
        assertThat(failed.failure()).isPresent();
    }

    @Test
    void historyPagesBackwardsAndClearingHidesEarlierMessagesForThisUserOnly() {
        EventRecorder events = new EventRecorder();
        String ivy = name("ivy");
        String jack = name("jack");
        ChatClient client = live.user(ivy, events);
        TestClient jackClient = live.appliance().newUser(jack);
        Conversation withJack = Conversation.with(jack);
        for (int i = 1; i <= 5; i++) {
            jackClient.send(Conversation.with(ivy), "m" + i);
        }
        events.await(MessageAdded.class, e -> "m5".equals(e.entry().text()));

        HistorySlice newest = client.history(withJack, 0, 2).join();
        assertThat(newest.entries()).extracting(ChatEntry::text).containsExactly("m4", "m5");
        assertThat(newest.hasMore()).isTrue();
        HistorySlice older = client.history(withJack, newest.oldestSeq(), 10).join();
        assertThat(older.entries()).extracting(ChatEntry::text).containsExactly("m1", "m2", "m3");
        assertThat(older.hasMore()).isFalse();

        client.clearHistory(withJack).join();
        events.await(ClientEvent.ConversationCleared.class, e -> e.conversation().equals(withJack));
        assertThat(client.messages(withJack).join()).isEmpty();
        assertThat(client.history(withJack, 0, 10).join().entries()).isEmpty();
        // Jack still sees everything.
        assertThat(jackClient.request(new org.lanchat.protocol.message.ConversationRequest.HistoryRequest(jackClient.nextId(),
                Conversation.with(ivy), null, null, 10), org.lanchat.protocol.message.ConversationMessage.HistoryPage.class)
                .messages()).hasSize(5);
    }

    @Test
    void avatarsAreFetchedOnceAndCached() {
        ChatClient client = live.user(name("kim"), new EventRecorder());
        String other = name("lou");
        live.appliance().newUser(other);

        AvatarImage first = client.avatar(other).join();
        assertThat(first.generated()).isTrue();
        assertThat(first.image()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(client.avatar(other).join()).isSameAs(first);
    }

    @Test
    void stickersAreSentByCode() {
        EventRecorder events = new EventRecorder();
        ChatClient client = live.user(name("max"), events);
        String code = client.session().orElseThrow().stickers().getFirst().code();
        ChatEntry entry = client.sendSticker(Conversation.GROUP, code);
        ChatEntry delivered = events.await(ClientEvent.MessageUpdated.class,
                e -> e.entry().key().equals(entry.key()) && e.entry().delivery() == Delivery.DELIVERED).entry();
        assertThat(delivered.sticker()).isEqualTo(code);
        assertThat(delivered.isSticker()).isTrue();
    }

    @Test
    void logoutEndsTheSession() {
        EventRecorder events = new EventRecorder();
        ChatClient client = live.user(name("ned"), events);
        client.logout().join();
        events.await(ClientEvent.SessionEnded.class, e -> e.reason() == ClientEvent.EndReason.LOGGED_OUT);
        assertThat(events.status()).isEqualTo(ConnectionStatus.OFFLINE);
        assertThat(client.session()).isEmpty();
        List<ClientEvent.StatusChanged> statuses = events.all(ClientEvent.StatusChanged.class);
        assertThat(statuses.getLast().status()).isEqualTo(ConnectionStatus.OFFLINE);
    }

    @Test
    void disabledWhileLoggedInTheSessionEndsWithTheReasonAndNoReconnectIsTried() {
        String olga = name("olga");
        EventRecorder events = new EventRecorder();
        live.user(olga, events);

        assertThat(admin().handle(new AdminRequest.SetDisabled(olga, true)))
                .isInstanceOf(AdminReply.Done.class);

        ClientEvent.SessionEnded ended = events.await(ClientEvent.SessionEnded.class, e -> true);
        assertThat(ended.reason()).isEqualTo(ClientEvent.EndReason.ACCOUNT_DISABLED);
        assertThat(ended.message()).contains("disabled");
        assertThat(events.status()).isEqualTo(ConnectionStatus.OFFLINE);
        assertThat(events.all(ClientEvent.StatusChanged.class))
                .noneMatch(s -> s.status() == ConnectionStatus.RECONNECTING);
    }

    @Test
    void aPasswordResetWhileLoggedInEndsTheSessionAskingForThePasswordWithoutAResume() {
        String pia = name("pia");
        EventRecorder events = new EventRecorder();
        ChatClient client = live.user(pia, events);

        assertThat(admin().handle(new AdminRequest.ResetPassword(pia, new PasswordHasher().hash("a brand new secret"))))
                .isInstanceOf(AdminReply.Done.class);

        ClientEvent.SessionEnded ended = events.await(ClientEvent.SessionEnded.class, e -> true);
        assertThat(ended.reason()).isEqualTo(ClientEvent.EndReason.TOKEN_INVALID);
        assertThat(ended.message()).contains("new one");
        assertThat(events.all(ClientEvent.StatusChanged.class))
                .noneMatch(s -> s.status() == ConnectionStatus.RECONNECTING);
        assertThat(client.login(pia, "a brand new secret").join().username()).isEqualTo(pia);
    }

    private static AdminService admin() {
        return new AdminService(live.appliance().appliance().config(),
                () -> Database.open(live.appliance().appliance().config().effectiveDatabaseUrl(), null, null),
                live.appliance().appliance(), Clock.systemUTC());
    }
}
