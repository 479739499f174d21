package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.HistorySlice;
import org.lanchat.client.emoji.EmojiCatalog;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.viewmodel.HistoryViewModel;
import org.lanchat.client.viewmodel.MessageItem;
import org.lanchat.protocol.message.Conversation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The history window on a fake client core: search hits that open in place, a clear that defaults to Cancel. */
@ExtendWith(ApplicationExtension.class)
class HistoryWindowUiTest {
    private final FakeChatService client = new FakeChatService();
    private HistoryViewModel model;
    private HistoryView view;

    @Start
    void start(Stage stage) {
        List<ChatEntry> page = new ArrayList<>();
        for (long seq = 1; seq <= 40; seq++) {
            page.add(FakeChatService.from("bob", Conversation.GROUP, seq, seq == 7 ? "the budget is approved" : "line " + seq));
        }
        client.historyAnswers.add(CompletableFuture.completedFuture(new HistorySlice(Conversation.GROUP, page, false, 0)));
        client.loggedInAs("alice");
        model = new HistoryViewModel(client, Conversation.GROUP, Platform::runLater, ZoneOffset.UTC);
        view = new HistoryView(model, new EmojiImages(EmojiCatalog.load()), new LinkOpener(url -> { }));
        Scene scene = new Scene(view.root(), 640, 480);
        scene.getStylesheets().add(Navigator.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        model.loadOlder();
    }

    @SuppressWarnings("unchecked")
    private static ListView<MessageItem> list(FxRobot robot) {
        return robot.lookup("#history-list").queryAs(ListView.class);
    }

    @Test
    void clickingASearchHitShowsTheWholeConversationAtThatMessage(FxRobot robot) {
        UiTestSupport.waitFor(() -> list(robot).getItems().size() == 40);
        UiTestSupport.fill(robot, "#history-search", "budget");
        UiTestSupport.waitFor(() -> list(robot).getItems().size() == 1);

        robot.clickOn(robot.lookup(".message-text-box").queryAllAs(MessageText.class).stream()
                .filter(t -> t.fullText().equals("the budget is approved")).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(UiTestSupport.text(robot, "#history-search")).isEmpty();
        assertThat(list(robot).getItems()).hasSize(40);
        assertThat(list(robot).getSelectionModel().getSelectedItem().text()).isEqualTo("the budget is approved");
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) list(robot).lookup(".virtual-flow");
        int first = flow.getFirstVisibleCell().getIndex();
        int last = flow.getLastVisibleCell().getIndex();
        assertThat(6).as("the message is in view").isBetween(first, last);
    }

    @Test
    void theClearConfirmationDefaultsToCancel(FxRobot robot) {
        UiTestSupport.waitFor(() -> list(robot).getItems().size() == 40);
        robot.clickOn("#clear-history");
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(((Button) pane.lookupButton(ButtonType.CANCEL)).isDefaultButton()).isTrue();
        assertThat(((Button) pane.lookupButton(view.clearButton)).isDefaultButton()).isFalse();
        assertThat(pane.lookupButton(ButtonType.CANCEL).isFocused()).isTrue();

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(client.cleared).as("Enter cancels").isEmpty();
        assertThat(list(robot).getItems()).hasSize(40);
    }
}
