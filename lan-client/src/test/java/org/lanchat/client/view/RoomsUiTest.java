package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.client.viewmodel.ConversationItem;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.SessionMessage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 17's rooms in the desktop window, driven like a person would, against the real appliance: "New room",
 * "Browse", the members panel with invite, remove and leave, and what another user does showing up live.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class RoomsUiTest extends UiTestSupport {
    private static final AtomicInteger USERS = new AtomicInteger();
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();

    @Start
    void start(Stage stage) {
        startApp(stage, live, live.dir(), true);
    }

    @AfterEach
    void stop() throws TimeoutException {
        stopApp();
    }

    private static String name(String prefix) {
        return prefix + USERS.incrementAndGet();
    }

    private static List<String> titles(FxRobot robot) {
        ListView<ConversationItem> list = robot.lookup("#conversations").queryListView();
        return List.copyOf(list.getItems()).stream().map(item -> item.titleProperty().get()).toList();
    }

    private static List<String> members(FxRobot robot) {
        ListView<String> list = robot.lookup("#room-members").queryListView();
        return List.copyOf(list.getItems());
    }

    private static RoomInfo createdBy(TestClient user, String room, String visibility) {
        return user.request(new RoomRequest.CreateRoom(user.nextId(), room, null, visibility), RoomMessage.Room.class)
                .room();
    }

    @Test
    void aRoomCreatedFromTheDialogOpensWithItsTopicAndMembersAndTheCreatorRemovesOneWhoJoined(FxRobot robot) {
        String alice = name("ui-alice");
        live.appliance().newUser(alice).close();
        TestClient bob = live.appliance().newUser(name("ui-bob"));
        logIn(robot, alice);

        robot.clickOn("#create-room");
        waitFor(() -> robot.lookup("#room-name").tryQuery().isPresent());
        robot.clickOn("#room-name");
        robot.type(KeyCode.ENTER);
        waitFor(() -> "Give the room a name.".equals(text(robot, "#room-error")));
        fill(robot, "#room-name", "design");
        fill(robot, "#room-topic", "Mockups and icons");
        robot.clickOn("#room-name").type(KeyCode.ENTER);

        waitFor(() -> "design".equals(text(robot, "#conversation-title")));
        assertThat(robot.lookup("#room-name").tryQuery()).as("the dialog closed").isEmpty();
        assertThat(text(robot, "#conversation-topic")).isEqualTo("Mockups and icons");
        assertThat(titles(robot)).containsExactly("Group", "design");
        assertVisible(robot, "#room-panel");
        waitFor(() -> members(robot).equals(List.of(alice)));

        Conversation design = theRoom(robot);
        bob.request(new RoomRequest.JoinRoom(bob.nextId(), design), RoomMessage.Room.class);
        waitFor(() -> members(robot).equals(List.of(alice, bob.username())));

        robot.clickOn(cell(robot, "#room-members", bob.username())); // not the roster's bob
        waitFor(() -> !robot.lookup("#room-remove").query().isDisabled());
        robot.clickOn("#room-remove");
        waitFor(() -> robot.lookup("#remove-member-confirm").tryQuery().isPresent());
        assertThat(robot.lookup("#remove-member-confirm").queryAs(javafx.scene.control.DialogPane.class).getHeaderText())
                .isEqualTo("Remove " + bob.username() + " from design?");
        robot.clickOn(button(robot, "#remove-member-confirm", "Remove"));
        waitFor(() -> members(robot).equals(List.of(alice)));
        bob.await(RoomMessage.RoomEvent.class, e -> RoomMessage.RoomEvent.REMOVED.equals(e.change()));
        bob.close();
    }

    @Test
    void theCreatorRenamesRetopicsAndArchivesTheRoomFromTheMembersPanelAfterConfirming(FxRobot robot) {
        TestClient bob = live.appliance().newUser(name("ui-bob"));
        String alice = loggedInNewUser(this, robot);
        createFromDialog(robot, "drafts " + alice, false);
        Conversation drafts = theRoom(robot);
        bob.request(new RoomRequest.JoinRoom(bob.nextId(), drafts), RoomMessage.Room.class);
        waitFor(() -> robot.lookup("#room-edit").query().isVisible());

        robot.clickOn("#room-edit");
        waitFor(() -> robot.lookup("#edit-room-name").tryQuery().isPresent());
        assertThat(text(robot, "#edit-room-name")).as("the dialog starts from the name as it is").isEqualTo("drafts " + alice);
        fill(robot, "#edit-room-name", "");
        robot.clickOn("#edit-room-name").type(KeyCode.ENTER);
        waitFor(() -> "Give the room a name.".equals(text(robot, "#room-error")));
        fill(robot, "#edit-room-name", "final " + alice);
        fill(robot, "#edit-room-topic", "Only what ships");
        robot.clickOn("#edit-room-name").type(KeyCode.ENTER);

        waitFor(() -> ("final " + alice).equals(text(robot, "#conversation-title")));
        assertThat(text(robot, "#conversation-topic")).isEqualTo("Only what ships");
        assertThat(titles(robot)).containsExactly("Group", "final " + alice);
        RoomMessage.RoomEvent updated = bob.await(RoomMessage.RoomEvent.class,
                e -> RoomMessage.RoomEvent.UPDATED.equals(e.change()));
        assertThat(updated.room().topic()).isEqualTo("Only what ships");

        // Cancel first: nothing is archived; then confirmed.
        robot.clickOn("#room-archive");
        waitFor(() -> robot.lookup("#archive-room-confirm").tryQuery().isPresent());
        robot.clickOn(button(robot, "#archive-room-confirm", "Cancel"));
        waitFor(() -> robot.lookup("#archive-room-confirm").tryQuery().isEmpty());
        assertThat(text(robot, "#conversation-title")).isEqualTo("final " + alice);
        robot.clickOn("#room-archive");
        waitFor(() -> robot.lookup("#archive-room-confirm").tryQuery().isPresent());
        robot.clickOn(button(robot, "#archive-room-confirm", "Archive"));

        waitFor(() -> ("final " + alice + " (archived)").equals(text(robot, "#conversation-title")));
        waitFor(() -> ("final " + alice + " was archived: it can be read but takes no new messages.")
                .equals(text(robot, "#room-notice")));
        assertThat(robot.lookup("#room-edit").query().isVisible()).as("an archived room is not renamed").isFalse();
        assertThat(robot.lookup("#room-archive").query().isVisible()).isFalse();
        assertThat(robot.lookup("#draft").query().isDisabled()).as("nothing can be sent to it").isTrue();
        bob.await(RoomMessage.RoomEvent.class, e -> RoomMessage.RoomEvent.ARCHIVED.equals(e.change()));
        bob.close();
    }

    @Test
    void beingRemovedOrSeeingARoomArchivedBySomeoneElseIsToldAndTheRemovedRoomLeavesTheList(FxRobot robot) {
        String alice = name("ui-alice");
        live.appliance().newUser(alice).close();
        TestClient carol = live.appliance().newUser(name("ui-carol"));
        RoomInfo news = createdBy(carol, "news " + carol.username(), "private");
        RoomInfo chat = createdBy(carol, "chat " + carol.username(), "public");
        logIn(robot, alice);
        carol.request(new RoomRequest.Invite(carol.nextId(), news.conversation(), alice), SessionMessage.Ok.class);
        carol.request(new RoomRequest.Invite(carol.nextId(), chat.conversation(), alice), SessionMessage.Ok.class);
        waitFor(() -> titles(robot).equals(List.of("Group", chat.name(), news.name())));
        ListView<ConversationItem> list = robot.lookup("#conversations").queryListView();
        robot.interact(() -> list.getSelectionModel().select(list.getItems().stream()
                .filter(item -> item.conversation().equals(chat.conversation())).findFirst().orElseThrow()));
        waitFor(() -> chat.name().equals(text(robot, "#conversation-title")));
        waitFor(() -> members(robot).equals(List.of(alice, carol.username())));
        assertThat(robot.lookup("#room-edit").query().isVisible()).as("only the creator edits").isFalse();
        assertThat(robot.lookup("#room-archive").query().isVisible()).as("only the creator archives").isFalse();

        carol.request(new RoomRequest.ArchiveRoom(carol.nextId(), news.conversation()), SessionMessage.Ok.class);
        waitFor(() -> (news.name() + " was archived: it can be read but takes no new messages.")
                .equals(text(robot, "#room-notice")));
        assertThat(titles(robot)).as("an archived room stays, marked").contains(news.name() + " (archived)");
        waitFor(() -> listRow(robot, news.conversation()).getOpacity() < 1);
        assertThat(listRow(robot, chat.conversation()).getOpacity()).as("a room not archived is not greyed").isEqualTo(1.0);

        carol.request(new RoomRequest.RemoveMember(carol.nextId(), chat.conversation(), alice), SessionMessage.Ok.class);
        waitFor(() -> ("You were removed from " + chat.name() + " by " + carol.username() + ".")
                .equals(text(robot, "#room-notice")));
        waitFor(() -> titles(robot).equals(List.of("Group", news.name() + " (archived)")));
        assertThat(text(robot, "#conversation-title")).as("the window went back to the group")
                .isEqualTo("Group: everyone online");
        robot.clickOn("#room-notice");
        waitFor(() -> !robot.lookup("#room-notice").query().isVisible());
        carol.close();
    }

    @Test
    void aPublicRoomIsBrowsedJoinedAndLeft(FxRobot robot) {
        String alice = name("ui-alice");
        live.appliance().newUser(alice).close();
        TestClient carol = live.appliance().newUser(name("ui-carol"));
        createdBy(carol, "lunch " + carol.username(), "public");
        logIn(robot, alice);

        robot.clickOn("#browse-rooms");
        waitFor(() -> robot.lookup("#open-rooms").tryQuery().isPresent()
                && !robot.lookup("#open-rooms").queryListView().getItems().isEmpty());
        ListView<RoomInfo> open = robot.lookup("#open-rooms").queryListView();
        RoomInfo lunch = open.getItems().stream().filter(r -> r.creator().equals(carol.username())).findFirst().orElseThrow();
        robot.interact(() -> open.getSelectionModel().select(lunch));
        robot.clickOn("Join");

        waitFor(() -> lunch.name().equals(text(robot, "#conversation-title")));
        assertThat(robot.lookup("#open-rooms").tryQuery()).as("the dialog closed").isEmpty();
        waitFor(() -> members(robot).equals(List.of(alice, carol.username())));
        assertThat(robot.lookup("#room-remove").query().isVisible()).as("only the creator removes").isFalse();
        assertThat(robot.lookup("#room-edit").query().isVisible()).as("only the creator edits").isFalse();

        robot.clickOn("#room-leave");
        waitFor(() -> titles(robot).equals(List.of("Group")));
        assertThat(text(robot, "#conversation-title")).isEqualTo("Group: everyone online");
        assertThat(robot.lookup("#room-panel").query().isVisible()).isFalse();
        carol.close();
    }

    @Test
    void theInviteDialogOffersWhoIsOnlineAndTheInvitedHearOfIt(FxRobot robot) {
        TestClient dave = live.appliance().connect();
        dave.registerAs(name("ui-dave"), RunningAppliance.PASSWORD, null, "Dave Dale");
        String alice = loggedInNewUser(this, robot);
        createFromDialog(robot, "plans", true);
        waitFor(() -> members(robot).equals(List.of(alice)));

        robot.clickOn("#room-invite");
        waitFor(() -> robot.lookup("#invite-candidates").tryQuery().isPresent());
        waitFor(() -> robot.lookup("#invite-candidates").queryListView().getItems().contains(dave.username()));
        String listed = "Dave Dale (" + dave.username() + ")"; // as everywhere else, with the login it invites
        waitFor(() -> robot.lookup("#invite-candidates .list-cell").match((ListCell<?> c) -> listed.equals(c.getText()))
                .tryQuery().isPresent());
        robot.clickOn(cell(robot, "#invite-candidates", listed));
        waitFor(() -> dave.username().equals(text(robot, "#invite-user")));
        robot.clickOn("#invite-user").type(KeyCode.ENTER);

        RoomMessage.RoomEvent invited = dave.await(RoomMessage.RoomEvent.class,
                e -> RoomMessage.RoomEvent.INVITED.equals(e.change()));
        assertThat(invited.room().name()).isEqualTo("plans");
        waitFor(() -> members(robot).equals(List.of(alice, dave.username())));
        assertThat(robot.lookup("#invite-user").tryQuery()).as("the dialog closed").isEmpty();
        dave.close();
    }

    /** The row of {@code list} showing {@code text}: the same name may be in the roster too. */
    private static javafx.scene.Node cell(FxRobot robot, String list, String text) {
        return robot.lookup(list + " .list-cell").match((ListCell<?> c) -> text.equals(c.getText())).query();
    }

    /** A new user, logged in through the login window; their name. */
    private static String loggedInNewUser(UiTestSupport test, FxRobot robot) {
        String user = name("ui-alice");
        live.appliance().newUser(user).close();
        test.logIn(robot, user);
        return user;
    }

    /** Creates a room through "New room" and waits until it is on screen. */
    private static void createFromDialog(FxRobot robot, String room, boolean privateRoom) {
        robot.clickOn("#create-room");
        waitFor(() -> robot.lookup("#room-name").tryQuery().isPresent());
        fill(robot, "#room-name", room);
        if (privateRoom) {
            robot.clickOn("#room-private");
        }
        robot.clickOn("#room-name").type(KeyCode.ENTER);
        waitFor(() -> room.equals(text(robot, "#conversation-title")));
    }

    /** The button of a dialog labelled {@code text}: the members panel has a "Remove" too. */
    private static javafx.scene.Node button(FxRobot robot, String dialog, String text) {
        return robot.lookup(dialog + " .button").match((javafx.scene.control.Button b) -> text.equals(b.getText())).query();
    }

    /** What the conversation list draws for {@code room}. */
    private static javafx.scene.Node listRow(FxRobot robot, Conversation room) {
        return robot.lookup("#conversations .list-cell").match((ListCell<ConversationItem> c) -> c.getItem() != null
                && c.getItem().conversation().equals(room)).<ListCell<ConversationItem>>query().getGraphic();
    }

    /** The one room in the window's list. */
    private static Conversation theRoom(FxRobot robot) {
        ListView<ConversationItem> list = robot.lookup("#conversations").queryListView();
        return list.getItems().stream().map(ConversationItem::conversation).filter(Conversation::isRoom).findFirst()
                .orElseThrow();
    }
}
