package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ConversationSummary;
import org.lanchat.client.core.Rooms;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage.RoomEvent;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomMessage.RoomList;
import org.lanchat.protocol.message.RoomMessage.RoomMembers;

/** Issue 17's desktop rooms without a screen: the list's order and names, the dialogs' calls, and room events. */
class RoomsViewModelTest {
    static final Conversation DESIGN = Conversation.of("#7");
    static final Conversation ALPHA = Conversation.of("#9");
    static final Conversation LUNCH = Conversation.of("#12");

    private final FakeChatService client = new FakeChatService();
    private final FakeRooms rooms = new FakeRooms();
    private final ChatViewModel model = new ChatViewModel(client, () -> rooms, SameThread.EXECUTOR, ZoneOffset.UTC,
            (delay, task) -> () -> { });

    @BeforeEach
    void login() {
        Texts.use(Locale.ENGLISH);
        rooms.listed = new RoomList(null, List.of(room(DESIGN, "design", "Mockups", "alice", false)),
                List.of(room(LUNCH, "lunch", null, "carol", false)));
        client.loggedInAs("alice");
    }

    @AfterEach
    void english() {
        Texts.use(Locale.ENGLISH);
    }

    static RoomInfo room(Conversation id, String name, String topic, String creator, boolean archived) {
        return new RoomInfo(id, name, topic, "public", creator, 2, archived);
    }

    private List<String> titles() {
        return model.conversations().stream().map(item -> item.titleProperty().get()).toList();
    }

    private ConversationItem item(Conversation conversation) {
        return model.conversations().stream().filter(i -> i.conversation().equals(conversation)).findFirst().orElseThrow();
    }

    @Test
    void everyoneComesFirstThenRoomsByNameThenPrivateConversationsAsMet() {
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("zed", Conversation.with("zed"), 1, "hi"), true));
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.with("bob"), 1, "hi"), true));
        client.fire(new ClientEvent.ConversationChanged(new ConversationSummary(ALPHA, 2, Optional.empty())));
        assertThat(titles()).as("a room known only by id until the list names it").containsExactly("Group", "#9", "design", "zed", "bob");

        client.fire(new ClientEvent.RoomChanged(new RoomEvent(ALPHA, RoomEvent.UPDATED, null, "bob",
                room(ALPHA, "Zebra", "", "bob", false))));
        assertThat(titles()).containsExactly("Group", "design", "Zebra", "zed", "bob");
        assertThat(item(ALPHA).unreadProperty().get()).as("the unread badge as for other conversations").isEqualTo(2);
    }

    @Test
    void roomsAreNamedWithTheirTopicAndTheBrowseListHoldsThePublicOthers() {
        assertThat(item(DESIGN).titleProperty().get()).isEqualTo("design");
        assertThat(item(DESIGN).topicProperty().get()).isEqualTo("Mockups");
        assertThat(model.rooms().open()).extracting(RoomInfo::name).containsExactly("lunch");
    }

    @Test
    void creatingARoomOpensItAndShowsItsMembersWithTheCreatorManaging() {
        rooms.created = room(ALPHA, "alpha", "Launch", "alice", false);
        rooms.members = new RoomMembers(null, ALPHA, "alice", List.of("alice"));

        assertThat(model.rooms().create("  alpha ", " Launch ", true).join()).isTrue();

        assertThat(rooms.calls).contains("create alpha Launch private");
        assertThat(model.selectedConversation()).isEqualTo(ALPHA);
        assertThat(model.rooms().members()).containsExactly("alice");
        assertThat(model.rooms().managingProperty().get()).isTrue();
        assertThat(titles()).containsExactly("Group", "alpha", "design");
    }

    @Test
    void aBlankNameIsNotSentAndARefusalIsShownInTheUsersWords() {
        assertThat(model.rooms().create("  ", "", false).join()).isFalse();
        assertThat(model.rooms().errorProperty().get()).isEqualTo("Give the room a name.");
        assertThat(rooms.calls).noneMatch(call -> call.startsWith("create"));

        rooms.refusal = new ChatException(ErrorCode.ROOM_NAME_TAKEN, "taken", Optional.empty());
        assertThat(model.rooms().create("lunch", "", false).join()).isFalse();
        assertThat(model.rooms().errorProperty().get()).isEqualTo("A public room already has that name; choose another.");
        assertThat(titles()).containsExactly("Group", "design");
    }

    @Test
    void joiningFromBrowseListsAndOpensTheRoomAndTakesItOffTheBrowseList() {
        rooms.joined = room(LUNCH, "lunch", null, "carol", false);
        rooms.members = new RoomMembers(null, LUNCH, "carol", List.of("alice", "carol"));

        assertThat(model.rooms().join(model.rooms().open().getFirst()).join()).isTrue();

        assertThat(model.selectedConversation()).isEqualTo(LUNCH);
        assertThat(model.rooms().open()).isEmpty();
        assertThat(model.rooms().managingProperty().get()).as("carol created it").isFalse();
    }

    @Test
    void leavingTheRoomOnScreenTakesItOffTheListAndBackToTheGroup() {
        rooms.members = new RoomMembers(null, DESIGN, "alice", List.of("alice", "bob"));
        model.select(item(DESIGN));
        assertThat(model.rooms().shownProperty().get()).isEqualTo(DESIGN);

        assertThat(model.rooms().leave(DESIGN).join()).isTrue();

        assertThat(titles()).containsExactly("Group");
        assertThat(model.selectedConversation()).isEqualTo(Conversation.GROUP);
        assertThat(model.rooms().shownProperty().get()).isNull();
    }

    @Test
    void inviteAndRemoveAskForTheRoomOnScreen() {
        rooms.members = new RoomMembers(null, DESIGN, "alice", List.of("alice", "bob"));
        model.select(item(DESIGN));
        model.rooms().invite(" carol ").join();
        model.rooms().remove("bob").join();
        assertThat(rooms.calls).contains("invite #7 carol", "remove #7 bob");
    }

    @Test
    void beingRemovedMakesTheRoomDisappearAndOthersJoiningReloadsTheMembers() {
        rooms.members = new RoomMembers(null, DESIGN, "alice", List.of("alice"));
        model.select(item(DESIGN));
        rooms.members = new RoomMembers(null, DESIGN, "alice", List.of("alice", "dave"));
        client.fire(new ClientEvent.RoomChanged(new RoomEvent(DESIGN, RoomEvent.JOINED, "dave", "dave",
                room(DESIGN, "design", "Mockups", "alice", false))));
        assertThat(model.rooms().members()).containsExactly("alice", "dave");

        client.fire(new ClientEvent.RoomChanged(new RoomEvent(DESIGN, RoomEvent.REMOVED, "Alice", null,
                room(DESIGN, "design", "Mockups", "alice", false))));
        assertThat(titles()).containsExactly("Group");
        assertThat(model.selectedConversation()).isEqualTo(Conversation.GROUP);
    }

    @Test
    void anInvitationListsTheRoomAndArchivingMarksIt() {
        client.fire(new ClientEvent.RoomChanged(new RoomEvent(ALPHA, RoomEvent.INVITED, "alice", "bob",
                room(ALPHA, "alpha", null, "bob", false))));
        assertThat(titles()).containsExactly("Group", "alpha", "design");

        client.fire(new ClientEvent.RoomChanged(new RoomEvent(ALPHA, RoomEvent.ARCHIVED, null, "bob",
                room(ALPHA, "alpha", null, "bob", true))));
        assertThat(item(ALPHA).titleProperty().get()).isEqualTo("alpha (archived)");
        assertThat(model.archivedProperty().getValue()).as("not on screen").isFalse();
        model.select(item(ALPHA));
        assertThat(model.archivedProperty().getValue()).as("no new messages: the composer is off").isTrue();
        model.openGroup();
        assertThat(model.archivedProperty().getValue()).isFalse();
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        client.fire(new ClientEvent.RoomChanged(new RoomEvent(ALPHA, RoomEvent.UPDATED, null, "bob",
                room(ALPHA, "设计", null, "bob", true))));
        assertThat(item(ALPHA).titleProperty().get()).isEqualTo("设计（已归档）");
    }

    @Test
    void theMembersOfARoomOpenedWhileTheApplianceWasAwayAreAskedForAgainAtTheNextLogin() {
        rooms.refusal = new ChatException(ErrorCode.STORE_UNAVAILABLE, "away", Optional.empty()); // no list comes back
        model.select(item(DESIGN));
        assertThat(model.rooms().members()).isEmpty();

        rooms.refusal = null;
        rooms.members = new RoomMembers(null, DESIGN, "alice", List.of("alice", "bob"));
        client.loggedInAs("alice"); // the reconnect
        assertThat(model.rooms().members()).containsExactly("alice", "bob");
    }

    @Test
    void aRoomLeftWhileTheWindowWasAwayLeavesTheListAtTheNextLogin() {
        rooms.listed = new RoomList(null, List.of(), List.of());
        client.loggedInAs("alice"); // a reconnect: the session starts again
        assertThat(titles()).containsExactly("Group");
    }

    @Test
    void notificationsAndSearchHitsNameTheRoomAsTheListDoes() {
        assertThat(model.notifications().describe(FakeChatService.from("bob", DESIGN, 3, "new mockups"), false).summary())
                .isEqualTo("bob in design");
        assertThat(model.search().where(new SearchResult(new org.lanchat.protocol.message.ConversationMessage.SearchHit(
                1, DESIGN, 3, "bob", 0, "new mockups"), "", "mockups"))).isEqualTo("design");
    }

    /** Rooms that answer at once, as the test sets them, and note each call. */
    static final class FakeRooms implements Rooms {
        final List<String> calls = new ArrayList<>();
        RoomList listed = new RoomList(null, List.of(), List.of());
        RoomInfo created;
        RoomInfo joined;
        RoomMembers members;
        ChatException refusal;

        private <T> CompletableFuture<T> answer(String call, T value) {
            calls.add(call);
            if (refusal != null) {
                return CompletableFuture.failedFuture(refusal);
            }
            return CompletableFuture.completedFuture(value);
        }

        @Override
        public CompletableFuture<RoomList> list() {
            return answer("list", listed);
        }

        @Override
        public CompletableFuture<RoomInfo> create(String name, String topic, boolean privateRoom) {
            return answer("create " + name + " " + topic + (privateRoom ? " private" : " public"), created);
        }

        @Override
        public CompletableFuture<RoomInfo> join(Conversation room) {
            return answer("join " + room.value(), joined);
        }

        @Override
        public CompletableFuture<Void> leave(Conversation room) {
            return answer("leave " + room.value(), null);
        }

        @Override
        public CompletableFuture<Void> invite(Conversation room, String username) {
            return answer("invite " + room.value() + " " + username, null);
        }

        @Override
        public CompletableFuture<Void> remove(Conversation room, String username) {
            return answer("remove " + room.value() + " " + username, null);
        }

        @Override
        public CompletableFuture<RoomInfo> update(Conversation room, String name, String topic) {
            return answer("update " + room.value(), null);
        }

        @Override
        public CompletableFuture<Void> archive(Conversation room) {
            return answer("archive " + room.value(), null);
        }

        @Override
        public CompletableFuture<RoomMembers> members(Conversation room) {
            return answer("members " + room.value(), members);
        }
    }
}
