package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ClientProblem;
import org.lanchat.client.core.ConnectionStatus;
import org.lanchat.client.core.ConversationSummary;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatViewModelTest {
    private final FakeChatService client = new FakeChatService();
    private final ChatViewModel model = new ChatViewModel(client, SameThread.EXECUTOR, ZoneOffset.UTC);
    private final List<ChatEntry> attention = new ArrayList<>();

    @BeforeEach
    void login() {
        model.setOnAttention(attention::add);
        client.loggedInAs("alice");
    }

    @Test
    void theRosterShowsWhoIsOnlineWithTheCountAndJoinAndLeaveNoticesByDisplayName() {
        client.fire(new ClientEvent.DisplayNameChanged("carol", Optional.of("张伟")));
        client.fire(new ClientEvent.RosterChanged(List.of("alice", "bob"), 2, List.of(), List.of()));
        client.fire(new ClientEvent.RosterChanged(List.of("alice", "bob", "carol"), 3, List.of("carol"), List.of()));
        client.fire(new ClientEvent.RosterChanged(List.of("alice", "carol"), 2, List.of(), List.of("bob")));

        assertThat(model.online()).containsExactly("alice", "carol");
        assertThat(model.onlineCountProperty().get()).isEqualTo(2);
        assertThat(model.messagesProperty().get()).extracting(MessageItem::kind, MessageItem::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MessageItem.Kind.NOTICE, "张伟 joined"),
                        org.assertj.core.groups.Tuple.tuple(MessageItem.Kind.NOTICE, "bob left"));
    }

    @Test
    void aJoinNoticeAnnouncedAfterTheNewcomersFirstMessageGoesBeforeIt() {
        long now = System.currentTimeMillis();
        client.fire(new ClientEvent.MessageAdded(new ChatEntry(1, Conversation.GROUP, 1, "bob", "b1", "earlier", null,
                now - 60_000, false, Delivery.DELIVERED, Optional.empty()), true));
        client.fire(new ClientEvent.MessageAdded(new ChatEntry(2, Conversation.GROUP, 2, "carol", "c1", "hi, I'm new", null,
                now - 500, false, Delivery.DELIVERED, Optional.empty()), true));
        client.fire(new ClientEvent.RosterChanged(List.of("alice", "bob", "carol"), 3, List.of("carol"), List.of()));

        assertThat(model.messagesProperty().get()).extracting(MessageItem::text)
                .containsExactly("earlier", "carol joined", "hi, I'm new");
    }

    @Test
    void ownOthersAndPrivateMessagesAreToldApart() {
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 1, "hi all"), true));
        model.draftProperty().set("hello bob");
        model.send();
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.with("bob"), 1, "psst"), true));

        assertThat(model.messagesProperty().get()).extracting(MessageItem::kind, MessageItem::isPrivate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MessageItem.Kind.OTHER, false),
                        org.assertj.core.groups.Tuple.tuple(MessageItem.Kind.OWN, false));
        model.openPrivate("bob");
        assertThat(model.messagesProperty().get()).singleElement().satisfies(row -> {
            assertThat(row.isPrivate()).isTrue();
            assertThat(row.kind()).isEqualTo(MessageItem.Kind.OTHER);
            assertThat(row.timeProperty().get()).isEqualTo("22:14");
        });
    }

    @Test
    void enterSendsTheDraftButNeverAnEmptyOne() {
        model.draftProperty().set("   \n ");
        assertThat(model.send()).isFalse();
        assertThat(client.sent).isEmpty();

        model.draftProperty().set("line one\nline two");
        assertThat(model.send()).isTrue();
        assertThat(client.sent).extracting(ChatEntry::text).containsExactly("line one\nline two");
        assertThat(client.sent.getFirst().conversation()).isEqualTo(Conversation.GROUP);
        assertThat(model.draftProperty().get()).isEmpty();
    }

    @Test
    void anOverlongDraftStaysWithAnError() {
        model.draftProperty().set("x".repeat(4001));
        assertThat(model.send()).isFalse();
        assertThat(model.errorProperty().get()).contains("at most 4000");
        assertThat(model.draftProperty().get()).hasSize(4001);
    }

    @Test
    void aStickerIsPreviewedByItsNameNotAsABracketedWord() {
        Conversation withBob = Conversation.with("bob");
        ChatEntry party = new ChatEntry(1001, withBob, 1, "bob", "s-1", null, "party", 1_700_000_000_000L, false,
                Delivery.DELIVERED, Optional.empty());
        client.fire(new ClientEvent.MessageAdded(party, true));
        client.fire(new ClientEvent.ConversationChanged(new ConversationSummary(withBob, 1, Optional.of(party))));

        ConversationItem item = model.conversations().stream().filter(c -> c.conversation().equals(withBob)).findFirst().orElseThrow();
        assertThat(item.previewProperty().get()).isEqualTo("Sticker: Party");
    }

    @Test
    void privateConversationsGetUnreadBadgesUntilOpened() {
        Conversation withBob = Conversation.with("bob");
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", withBob, 1, "psst"), true));
        client.fire(new ClientEvent.ConversationChanged(new ConversationSummary(withBob, 1,
                Optional.of(FakeChatService.from("bob", withBob, 1, "psst")))));

        ConversationItem item = model.conversations().stream().filter(c -> c.conversation().equals(withBob)).findFirst().orElseThrow();
        assertThat(model.conversations().getFirst().titleProperty().get()).isEqualTo("Group");
        assertThat(item.unreadProperty().get()).isEqualTo(1);
        assertThat(item.previewProperty().get()).isEqualTo("psst");

        model.select(item);
        assertThat(item.unreadProperty().get()).isZero();
        assertThat(client.activated).endsWith(withBob);
        assertThat(model.selectedConversation()).isEqualTo(withBob);
    }

    @Test
    void ownMessagesShowPendingThenDeliveredThenFailed() {
        model.draftProperty().set("on its way");
        model.send();
        ChatEntry pending = client.sent.getFirst();
        MessageItem row = model.messagesProperty().get().getLast();
        assertThat(row.deliveryProperty().get()).isEqualTo(Delivery.PENDING);

        client.fire(new ClientEvent.MessageUpdated(new ChatEntry(7, Conversation.GROUP, 3, "alice", pending.clientMsgId(),
                pending.text(), null, pending.sentAt(), true, Delivery.DELIVERED, Optional.empty())));
        assertThat(row.deliveryProperty().get()).isEqualTo(Delivery.DELIVERED);
        assertThat(model.messagesProperty().get()).hasSize(1);

        model.sendSticker("party");
        ChatEntry sticker = client.sent.getLast();
        client.fire(new ClientEvent.MessageUpdated(new ChatEntry(0, Conversation.GROUP, 0, "alice", sticker.clientMsgId(),
                null, "party", sticker.sentAt(), true, Delivery.FAILED,
                Optional.of(new ClientProblem(ClientProblem.Kind.REFUSED, Optional.of(ErrorCode.UNKNOWN_STICKER), List.of(),
                        "unknown sticker")))));
        MessageItem failed = model.messagesProperty().get().getLast();
        assertThat(failed.deliveryProperty().get()).isEqualTo(Delivery.FAILED);
        assertThat(failed.failureProperty().get()).as("the bundle's words").isEqualTo("No such sticker.");
        model.retry(failed);
        assertThat(client.retried).hasSize(1);
    }

    @Test
    void olderMessagesFromHistoryAreInsertedInSequenceOrder() {
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 5, "five"), true));
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 3, "three"), false));
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 4, "four"), false));
        assertThat(model.messagesProperty().get()).extracting(MessageItem::text).containsExactly("three", "four", "five");
    }

    @Test
    void theBannerShowsWhileReconnectingAndGoesWhenOnlineAgain() {
        client.fire(new ClientEvent.StatusChanged(ConnectionStatus.ONLINE, "Connected", Optional.empty()));
        assertThat(model.bannerVisibleProperty().get()).isFalse();

        client.fire(new ClientEvent.StatusChanged(ConnectionStatus.RECONNECTING,
                "Connection lost. Reconnecting in 2 s…", Optional.of(Duration.ofSeconds(2))));
        assertThat(model.bannerVisibleProperty().get()).isTrue();
        assertThat(model.bannerProperty().get()).isEqualTo("The connection to the appliance was lost. Reconnecting in 2 s…");

        client.fire(new ClientEvent.StatusChanged(ConnectionStatus.ONLINE, "Connected", Optional.empty()));
        assertThat(model.bannerVisibleProperty().get()).isFalse();
    }

    @Test
    void whileChattingDirectlyTheBannerSaysSoAndTheRosterIsWhoCanBeReached() {
        client.fire(new ClientEvent.StatusChanged(ConnectionStatus.ONLINE, "Connected", Optional.empty()));
        client.fire(new ClientEvent.RosterChanged(List.of("alice", "bob", "carol", "dave"), 4, List.of(), List.of()));
        client.fire(new ClientEvent.StatusChanged(ConnectionStatus.RECONNECTING,
                "Connection lost. Reconnecting in 2 s…", Optional.of(Duration.ofSeconds(2))));

        client.fire(new ClientEvent.PeerModeChanged(true, List.of("bob", "carol")));
        client.fire(new ClientEvent.StatusChanged(ConnectionStatus.RECONNECTING,
                "Cannot reach the appliance. Trying again in 5 s…", Optional.of(Duration.ofSeconds(5))));

        assertThat(model.bannerVisibleProperty().get()).isTrue();
        assertThat(model.bannerProperty().get()).as("not replaced by the next reconnect attempt").isEqualTo(
                "The appliance is unreachable — you can still chat with the 2 colleagues online on this network; "
                        + "everything will be saved to the appliance when it is back.");
        assertThat(model.online()).containsExactlyInAnyOrder("alice", "bob", "carol");
        assertThat(model.onlineCountProperty().get()).isEqualTo(3);

        client.fire(new ClientEvent.PeerModeChanged(false, List.of()));
        client.fire(new ClientEvent.StatusChanged(ConnectionStatus.ONLINE, "Connected", Optional.empty()));
        assertThat(model.bannerVisibleProperty().get()).isFalse();
    }

    @Test
    void messagesArrivingWhileTheWindowIsUnfocusedCallForAttention() {
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 1, "seen"), true));
        assertThat(attention).isEmpty();

        model.windowFocusedProperty().set(false);
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 2, "not seen"), true));
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 0, "from history"), false));
        assertThat(attention).extracting(ChatEntry::text).containsExactly("not seen");
    }

    @Test
    void clearingHidesTheMessagesUpToTheMark() {
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 1, "one"), true));
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 2, "two"), true));
        client.fire(new ClientEvent.ConversationCleared(Conversation.GROUP, 1));
        assertThat(model.messagesProperty().get()).extracting(MessageItem::text).containsExactly("two");
    }

    @Test
    void theSessionEndingIsPassedToTheView() {
        client.fire(new ClientEvent.SessionEnded(ClientEvent.EndReason.TOKEN_INVALID, "log in again"));
        assertThat(model.sessionEndedProperty().get().reason()).isEqualTo(ClientEvent.EndReason.TOKEN_INVALID);
    }

    @Test
    void youCannotOpenAPrivateChatWithYourself() {
        model.openPrivate("ALICE");
        assertThat(model.conversations()).hasSize(1);
    }

    @Test
    void aConversationKeepsItsNewestRowsOnlyOlderOnesAreInTheHistoryWindow() {
        for (long seq = 1; seq <= ChatViewModel.ROWS_KEPT + 50; seq++) {
            client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, seq, "line " + seq), true));
        }
        assertThat(model.messagesProperty().get()).hasSize(ChatViewModel.ROWS_KEPT);
        assertThat(model.messagesProperty().get().getFirst().text()).isEqualTo("line 51");
        assertThat(model.messagesProperty().get().getLast().text()).isEqualTo("line " + (ChatViewModel.ROWS_KEPT + 50));
    }

    @Test
    void aPendingMessageShowsTheTimeItWasSentAndKeepsItOnceDelivered() {
        model.draftProperty().set("typed while the appliance restarts");
        model.send();
        ChatEntry pending = client.sent.getFirst();
        MessageItem row = model.messagesProperty().get().getFirst();
        String sentAt = row.timeProperty().get();
        assertThat(row.deliveryProperty().get()).isEqualTo(Delivery.PENDING);

        // Delivered three minutes later, with the appliance's commit time.
        ChatEntry delivered = new ChatEntry(77, Conversation.GROUP, 9, pending.from(), pending.clientMsgId(), pending.text(),
                null, pending.sentAt() + Duration.ofMinutes(3).toMillis(), true, Delivery.DELIVERED, Optional.empty());
        client.fire(new ClientEvent.MessageUpdated(delivered));

        assertThat(model.messagesProperty().get()).singleElement().isSameAs(row);
        assertThat(row.deliveryProperty().get()).isEqualTo(Delivery.DELIVERED);
        assertThat(row.timeProperty().get()).isEqualTo(sentAt);
    }
}
