package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.emoji.EmojiCatalog;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.client.viewmodel.MessageItem;
import org.lanchat.client.viewmodel.SearchResult;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.SearchHit;
import org.lanchat.protocol.message.ConversationMessage.SearchResults;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The search box over the conversation list: type, see hits, open one at its message, all from the keyboard. */
@ExtendWith(ApplicationExtension.class)
class SearchUiTest {
    private static final EmojiImages EMOJI = new EmojiImages(EmojiCatalog.load());
    private final FakeChatService client = new FakeChatService();
    private final Conversation withBob = Conversation.with("bob");
    private ChatViewModel model;

    @Start
    void start(Stage stage) {
        model = new ChatViewModel(client, Platform::runLater, ZoneOffset.UTC);
        client.loggedInAs("alice");
        client.displayNames.put("bob", "Bob Li");
        ChatView view = new ChatView(model, EMOJI, () -> { }, () -> { }, new LinkOpener(url -> { }));
        Scene scene = new Scene(view.root(), 900, 640);
        scene.getStylesheets().add(Navigator.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        view.focus();
    }

    @BeforeEach
    void messagesAndHits() {
        for (long seq = 1; seq <= 30; seq++) {
            client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.GROUP, seq,
                    seq == 4 ? "the budget for the party" : "message " + seq), false));
        }
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", withBob, 7, "budget numbers attached"), false));
        client.searchAnswer = CompletableFuture.completedFuture(new SearchResults("1", List.of(
                new SearchHit(1007, withBob, 7, "bob", 1_700_000_420_000L, "budget numbers attached"),
                new SearchHit(1004, Conversation.GROUP, 4, "bob", 1_700_000_240_000L, "the budget for the party")), false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static ListView<SearchResult> results(FxRobot robot) {
        return robot.lookup("#search-results").queryListView();
    }

    private static TextField box(FxRobot robot) {
        return robot.lookup("#search").queryAs(TextField.class);
    }

    private void typeQuery(FxRobot robot, String text) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(box(robot).isFocused()).as("Ctrl+F goes to the search box").isTrue();
        robot.write(text);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> results(robot).getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private MessageItem selectedMessage(FxRobot robot) {
        ListView<MessageItem> messages = robot.lookup("#messages").queryListView();
        return messages.getSelectionModel().getSelectedItem();
    }

    @Test
    void typingShowsHitsInPlaceOfTheConversationsAndEnterOpensTheNewestAtItsMessage(FxRobot robot) throws Exception {
        typeQuery(robot, "budget");
        assertThat(client.searches).hasSize(1);
        assertThat(client.searches.getFirst().text()).isEqualTo("budget");
        assertThat(robot.lookup("#conversations").query().isVisible()).isFalse();
        assertThat(robot.lookup("#search-results").query().isVisible()).isTrue();
        assertThat(robot.lookup("Bob Li").tryQuery()).as("the private chat by its display name").isPresent();
        assertThat(robot.lookup("#search-results .match").queryAllAs(Text.class)).as("the matches emphasised")
                .extracting(Text::getText).containsOnly("budget");

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selectedConversation()).isEqualTo(withBob);
        assertThat(selectedMessage(robot).text()).isEqualTo("budget numbers attached");
    }

    @Test
    void arrowKeysChooseAHitAndEscapeGoesBackToTheConversations(FxRobot robot) throws Exception {
        typeQuery(robot, "budget");
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(results(robot).getSelectionModel().getSelectedIndex()).isEqualTo(1);

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selectedConversation()).isEqualTo(Conversation.GROUP);
        assertThat(selectedMessage(robot).text()).isEqualTo("the budget for the party");

        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(box(robot).isFocused()).as("Ctrl+K too").isTrue();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(box(robot).getText()).isEmpty();
        assertThat(robot.lookup("#conversations").query().isVisible()).isTrue();
        assertThat(robot.lookup("#conversations").query().isFocused()).isTrue();
    }

    @Test
    void nothingFoundIsSaid(FxRobot robot) throws Exception {
        client.searchAnswer = CompletableFuture.completedFuture(new SearchResults("1", List.of(), false));
        robot.clickOn("#search").write("zebra");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#search-status").queryLabeled().getText().equals("No messages found."));
    }
}
