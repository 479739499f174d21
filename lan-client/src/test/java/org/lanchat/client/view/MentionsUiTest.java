package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.emoji.EmojiCatalog;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.client.viewmodel.MentionSuggestions;
import org.lanchat.protocol.message.Conversation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Mentions in the chat window: {@code @} completes from the keyboard, and a conversation can be muted. */
@ExtendWith(ApplicationExtension.class)
class MentionsUiTest {
    private static final EmojiImages EMOJI = new EmojiImages(EmojiCatalog.load());
    private final FakeChatService client = new FakeChatService();
    @TempDir
    static Path dataDir;
    private ChatViewModel model;

    @Start
    void start(Stage stage) {
        model = new ChatViewModel(client, Platform::runLater, ZoneOffset.UTC);
        MutedConversations.remember(model.notifications(), ClientSettings.open(dataDir, Runnable::run));
        client.displayNames.put("alice", "Alice");
        client.loggedInAs("me1");
        client.fire(new ClientEvent.RosterChanged(List.of("me1", "alice", "bob"), 3, List.of(), List.of()));
        ChatView view = new ChatView(model, EMOJI, () -> { }, () -> { }, new LinkOpener(url -> { }));
        Scene scene = new Scene(view.root(), 900, 640);
        scene.getStylesheets().add(Navigator.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        view.focus();
    }

    /** In a popup window of its own, which the robot's lookups (from the focused window) do not search. */
    @SuppressWarnings("unchecked")
    private static ListView<MentionSuggestions.Suggestion> suggestions(FxRobot robot) {
        return (ListView<MentionSuggestions.Suggestion>) inPopups(robot, "#mention-list");
    }

    private static Node inPopups(FxRobot robot, String query) {
        return robot.listWindows().stream().filter(window -> window instanceof PopupWindow && window.isShowing())
                .map(window -> window.getScene().getRoot().lookup(query)).filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new AssertionError("no popup shows " + query));
    }

    private static boolean popupShows(FxRobot robot, String query) {
        return robot.listWindows().stream().anyMatch(window -> window instanceof PopupWindow && window.isShowing()
                && window.getScene().getRoot().lookup(query) != null);
    }

    /** Opens the conversation list's menu on the group and clicks its only item. */
    private static void toggleMute(FxRobot robot) {
        robot.rightClickOn(robot.lookup("#conversations .list-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(inPopups(robot, ".menu-item"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void typingAtAlOffersAliceAndEnterPutsInHerLogin(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#draft").write("hi @al");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(suggestions(robot).getItems()).extracting(MentionSuggestions.Suggestion::label).containsExactly("Alice (alice)");
        assertThat(suggestions(robot).getSelectionModel().getSelectedItem().label()).isEqualTo("Alice (alice)");

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        TextArea draft = robot.lookup("#draft").queryAs(TextArea.class);
        assertThat(draft.getText()).as("Enter completes, it does not send").isEqualTo("hi @alice ");
        assertThat(client.sent).isEmpty();
        assertThat(popupShows(robot, "#mention-list")).isFalse();
    }

    @Test
    void downMovesEscapeClosesAndTheDraftKeepsItsFocus(FxRobot robot) {
        robot.clickOn("#draft").write("@");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(suggestions(robot).getItems()).hasSize(3); // Alice, bob, @here
        robot.type(KeyCode.DOWN);
        assertThat(suggestions(robot).getSelectionModel().getSelectedItem().login()).isEqualTo("bob");
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        TextArea draft = robot.lookup("#draft").queryAs(TextArea.class);
        assertThat(draft.getText()).isEqualTo("@bob ");
        assertThat(draft.isFocused()).isTrue();

        robot.write("@b");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(popupShows(robot, "#mention-list")).isTrue();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(popupShows(robot, "#mention-list")).isFalse();
        assertThat(draft.getText()).isEqualTo("@bob @b");
    }

    @Test
    void theConversationMenuMutesAndUnmutesAndTheChoiceIsKept(FxRobot robot) throws Exception {
        toggleMute(robot);
        assertThat(model.notifications().isMuted(Conversation.GROUP)).isTrue();
        robot.rightClickOn(robot.lookup("#conversations .list-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((javafx.scene.control.Labeled) inPopups(robot, ".menu-item .label")).getText())
                .isEqualTo(Texts.text("mentions.mute.off"));
        robot.type(KeyCode.ESCAPE);
        assertThat(robot.lookup("#muted-mark").tryQuery()).isPresent();
        Path settings = dataDir.resolve(ClientSettings.FILE);
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> Files.isRegularFile(settings)
                && ClientSettings.open(dataDir, Runnable::run).text(MutedConversations.KEY, "").equals("group"));

        toggleMute(robot);
        assertThat(model.notifications().isMuted(Conversation.GROUP)).isFalse();
        assertThat(robot.lookup("#muted-mark").tryQuery()).isEmpty();
        assertThat(ClientSettings.open(dataDir, Runnable::run).text(MutedConversations.KEY, "x")).isEmpty();
    }

    @Test
    void mentionsAreMarkedAndAMessageThatCallsTheUserStandsOut(FxRobot robot) {
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 1, "@me1 and @alice, look"), true));
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 2, "mail bob@example.com"), true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".mention").queryAllAs(Text.class)).extracting(Text::getText).containsExactly("@me1", "@alice");
        assertThat(robot.lookup(".mention-me").queryAllAs(Text.class)).extracting(Text::getText).containsExactly("@me1");
        assertThat(robot.lookup(".bubble.mentions-me").queryAll()).hasSize(1);
    }

    @Test
    void theKeyboardsMenuKeyOpensTheSameMenu(FxRobot robot) {
        Node list = robot.lookup("#conversations").query();
        robot.interact(() -> {
            list.requestFocus();
            javafx.geometry.Bounds at = list.localToScreen(list.getBoundsInLocal());
            javafx.event.Event.fireEvent(list, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, 10,
                    at.getMinX() + 10, at.getMinY() + 10, true, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((javafx.scene.control.Labeled) inPopups(robot, ".menu-item .label")).getText())
                .isEqualTo(Texts.text("mentions.mute.on"));
        robot.type(KeyCode.ESCAPE);
    }
}
