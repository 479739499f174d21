package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.emoji.EmojiCatalog;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.client.viewmodel.MessageItem;
import org.lanchat.protocol.message.Conversation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The chat window shows replies, edits, deletes and reactions, and offers them from a message's menu (PROTOCOL.md §7.19). */
@ExtendWith(ApplicationExtension.class)
class MessageChangesUiTest {
    private static final EmojiImages EMOJI = new EmojiImages(EmojiCatalog.load());
    private static final String THUMBS_UP = "\uD83D\uDC4D";
    private final FakeChatService client = new FakeChatService();

    @Start
    void start(Stage stage) {
        ChatViewModel model = new ChatViewModel(client, Platform::runLater, ZoneOffset.UTC);
        client.loggedInAs("alice");
        ChatView view = new ChatView(model, EMOJI, () -> { }, () -> { }, new LinkOpener(address -> { }));
        Scene scene = new Scene(view.root(), 900, 640);
        scene.getStylesheets().add(Navigator.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        view.focus();
    }

    private static ChatEntry bob(long seq, String text, Long replyTo, boolean edited, boolean deleted,
            List<ChatEntry.Reaction> reactions) {
        return new ChatEntry(seq, Conversation.GROUP, seq, "bob", "b" + seq, deleted ? null : text, null,
                1_700_000_000_000L + seq * 60_000, false, Delivery.DELIVERED, Optional.empty(), replyTo, edited, deleted,
                reactions, null);
    }

    private void fire(ClientEvent event) {
        client.fire(event);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static ListView<MessageItem> messages(FxRobot robot) {
        return robot.lookup("#messages").queryAs(ListView.class);
    }

    @Test
    void anEditedMessageIsMarkedAndADeletedOneLeavesATombstone(FxRobot robot) {
        fire(new ClientEvent.MessageAdded(bob(1, "at 10", null, false, false, List.of()), true));
        fire(new ClientEvent.MessageUpdated(bob(1, "at 11", null, true, false, List.of())));
        assertThat(robot.lookup("#edited-mark").tryQuery()).isPresent();

        fire(new ClientEvent.MessageUpdated(bob(1, null, null, false, true, List.of())));
        assertThat(robot.lookup("#tombstone").queryAs(Label.class).getText()).isEqualTo("message deleted");
        assertThat(robot.lookup("#edited-mark").tryQuery()).isEmpty();
    }

    @Test
    void reactionsShowAsChipsWithCountsAndWhoReactedOnHover(FxRobot robot) {
        fire(new ClientEvent.MessageAdded(bob(1, "green build", null, false, false,
                List.of(new ChatEntry.Reaction(THUMBS_UP, List.of("alice", "carol")))), true));
        Label chip = robot.lookup(".reaction-chip").queryAs(Label.class);
        assertThat(chip.getUserData()).isEqualTo(THUMBS_UP);
        assertThat(chip.getText()).endsWith("2");
        assertThat(chip.getTooltip().getText()).isEqualTo("alice, carol");

        robot.clickOn(chip);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(client.changes).as("alice reacted already: the click takes it back").containsExactly("unreact 1 " + THUMBS_UP);
    }

    @Test
    void aReplyQuotesItsMessageAndAClickOnTheQuoteSelectsIt(FxRobot robot) {
        fire(new ClientEvent.MessageAdded(bob(1, "lunch?", null, false, false, List.of()), true));
        fire(new ClientEvent.MessageAdded(bob(2, "at noon", 1L, false, false, List.of()), true));
        Label quote = robot.lookup("#reply-quote").queryAs(Label.class);
        assertThat(quote.getText()).isEqualTo("bob: lunch?");

        robot.clickOn(quote);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(messages(robot).getSelectionModel().getSelectedItem().seq()).isEqualTo(1);
    }

    @Test
    void replyFromTheMessageMenuMakesTheNextMessageAReply(FxRobot robot) {
        fire(new ClientEvent.MessageAdded(bob(5, "who has the key?", null, false, false, List.of()), true));
        robot.rightClickOn(".message-text-box");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#menu-edit").tryQuery()).as("the menu is open").isPresent();
        robot.clickOn("Reply");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#replying-to").queryAs(Label.class).getText()).isEqualTo("Replying to bob: who has the key?");

        robot.write("I do").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(client.sent).singleElement().satisfies(e -> assertThat(e.replyTo()).isEqualTo(5L));
        assertThat(robot.lookup("#reply-bar").query().isVisible()).as("the next message is a plain one").isFalse();
    }

    /** The newcomer's React submenu was a column of empty boxes: the system font had no emoji. */
    @Test
    void theReactSubmenuDrawsEachReactionFromTheEmojiSetAndAClickReacts(FxRobot robot) {
        fire(new ClientEvent.MessageAdded(bob(5, "cake in the kitchen", null, false, false, List.of()), true));
        robot.rightClickOn(".message-text-box");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("React");
        WaitForAsyncUtils.waitForFxEvents();

        List<javafx.scene.Node> reactions = List.copyOf(robot.lookup(".menu-reaction").queryAll());
        assertThat(reactions).hasSize(MessageActions.QUICK_REACTIONS.size()).allSatisfy(row ->
                assertThat(row.lookupAll("*")).anySatisfy(node -> assertThat(node).isInstanceOfSatisfying(
                        javafx.scene.image.ImageView.class, view -> assertThat(view.getImage()).isNotNull())));
        robot.clickOn(reactions.getFirst());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(client.changes).containsExactly("react 5 " + MessageActions.QUICK_REACTIONS.getFirst());
    }
}
