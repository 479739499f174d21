package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.emoji.EmojiCatalog;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Display names (PROTOCOL.md §7.17) in the chat window: roster, senders and the user's own, set from the header. */
@ExtendWith(ApplicationExtension.class)
class DisplayNamesUiTest {
    private static final EmojiImages EMOJI = new EmojiImages(EmojiCatalog.load());
    private final FakeChatService client = new FakeChatService();
    private ChatViewModel model;

    @Start
    void start(Stage stage) {
        client.displayNames.put("bob", "Ольга");
        model = new ChatViewModel(client, Platform::runLater, ZoneOffset.UTC);
        client.loggedInAs("alice");
        ChatView view = new ChatView(model, EMOJI, () -> { }, () -> { }, new LinkOpener(address -> { }));
        Scene scene = new Scene(view.root(), 900, 640);
        scene.getStylesheets().add(Navigator.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    private static List<String> texts(FxRobot robot, String query) {
        return robot.lookup(query).queryAllAs(Label.class).stream().filter(Label::isVisible).map(Label::getText).toList();
    }

    @Test
    void theRosterAndTheSendersShowDisplayNamesAndAChangeRedrawsOldMessages(FxRobot robot) {
        client.fire(new ClientEvent.RosterChanged(List.of("alice", "bob"), 2, List.of(), List.of()));
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, 1, "привет"), false));
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> roster = robot.lookup("#roster").queryAs(ListView.class);
        assertThat(robot.from(roster).lookup(".list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .map(javafx.scene.control.ListCell::getText).toList()).contains("Ольга", "alice (you)");
        assertThat(texts(robot, ".sender")).containsExactly("Ольга");

        client.fire(new ClientEvent.DisplayNameChanged("bob", Optional.of("Olga B.")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(texts(robot, ".sender")).as("the old message shows the new name").containsExactly("Olga B.");
    }

    @Test
    void theUserSetsTheirOwnNameFromTheHeader(FxRobot robot) {
        robot.clickOn("#display-name");
        WaitForAsyncUtils.waitForFxEvents();
        TextField field = robot.lookup("#display-name-dialog .text-field").queryAs(TextField.class);
        robot.interact(() -> field.setText("张伟"));
        robot.interact(() -> field.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
                javafx.scene.input.KeyCode.ENTER, false, false, false, false)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(client.displayNamesSet).containsExactly("张伟");
        assertThat(robot.lookup("#me").queryAs(Label.class).getText()).isEqualTo("张伟 (alice)");
    }

    /** After an appliance restart the roster came back before the names, and "carol joined" kept the login name. */
    @Test
    void aJoinedNoticeShowsTheNameLearnedAfterIt(FxRobot robot) {
        client.fire(new ClientEvent.RosterChanged(List.of("alice", "carol"), 2, List.of("carol"), List.of()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(texts(robot, ".notice")).singleElement().asString().startsWith("carol joined");

        client.fire(new ClientEvent.DisplayNameChanged("carol", Optional.of("Кэрол")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(texts(robot, ".notice")).singleElement().asString().startsWith("Кэрол joined");
    }

    /** The newcomer's refused name closed the dialog, and what they had typed was gone. */
    @Test
    void aRefusedNameBringsTheDialogBackWithWhatWasTypedAndWhy(FxRobot robot) {
        client.setDisplayNameResult = CompletableFuture.failedFuture(new ChatException(ErrorCode.DISPLAY_NAME_TAKEN,
                "taken", Optional.empty()));
        robot.clickOn("#display-name");
        WaitForAsyncUtils.waitForFxEvents();
        enter(robot, "Olga");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(client.displayNamesSet).containsExactly("Olga");
        assertThat(robot.lookup("#display-name-dialog .text-field").queryAs(TextField.class).getText())
                .as("what was typed, back in the dialog").isEqualTo("Olga");
        assertThat(robot.lookup("#display-name-refusal").queryAs(Label.class).getText()).as("and why")
                .isEqualTo(model.errorProperty().get()).isNotBlank();

        client.setDisplayNameResult = null;
        enter(robot, "Olga B.");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(client.displayNamesSet).containsExactly("Olga", "Olga B.");
        assertThat(robot.lookup("#display-name-dialog").tryQuery()).as("taken: the dialog closes").isEmpty();
        assertThat(robot.lookup("#me").queryAs(Label.class).getText()).isEqualTo("Olga B. (alice)");
    }

    private static void enter(FxRobot robot, String name) {
        TextField field = robot.lookup("#display-name-dialog .text-field").queryAs(TextField.class);
        robot.interact(() -> field.setText(name));
        robot.interact(() -> field.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
                javafx.scene.input.KeyCode.ENTER, false, false, false, false)));
    }
}
