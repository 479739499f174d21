package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.emoji.EmojiCatalog;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.client.viewmodel.MessageItem;
import org.lanchat.protocol.message.Conversation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The chat window on a fake client core: reading, selecting, copying, links and the keyboard. */
@ExtendWith(ApplicationExtension.class)
class ChatWindowUiTest {
    private static final EmojiImages EMOJI = new EmojiImages(EmojiCatalog.load());
    private final FakeChatService client = new FakeChatService();
    private final List<String> browsed = new ArrayList<>();
    private ChatViewModel model;
    private Stage stage;
    private long seq;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new ChatViewModel(client, Platform::runLater, ZoneOffset.UTC);
        client.loggedInAs("alice");
        ChatView view = new ChatView(model, EMOJI, () -> { }, () -> { }, new LinkOpener(browsed::add));
        Scene scene = new Scene(view.root(), 900, 640);
        scene.getStylesheets().add(Navigator.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        view.focus();
    }

    private void receive(String from, String text) {
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from(from, Conversation.GROUP, ++seq, text), true));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private ListView<MessageItem> messages(FxRobot robot) {
        return robot.lookup("#messages").queryAs(ListView.class);
    }

    /** The text of a row on screen, found by what it says. */
    private MessageText shown(FxRobot robot, String text) {
        return robot.lookup(".message-text-box").queryAllAs(MessageText.class).stream()
                .filter(t -> t.fullText().equals(text) && t.isVisible()).findFirst().orElseThrow();
    }

    private static String clipboard(FxRobot robot) {
        String[] text = new String[1];
        robot.interact(() -> text[0] = Clipboard.getSystemClipboard().getString());
        return text[0];
    }

    @Test
    void dragOverAMessageSelectsPartOfItsTextAndCtrlCCopiesIt(FxRobot robot) {
        receive("bob", "the meeting moves to room 4 at three");
        MessageText text = shown(robot, "the meeting moves to room 4 at three");
        Bounds b = text.flow().localToScreen(text.flow().getLayoutBounds());

        robot.drag(b.getMinX() + 1, b.getMinY() + b.getHeight() / 2).dropTo(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + b.getHeight() / 2);
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);



        assertThat(text.selectedText()).isNotEmpty();
        assertThat("the meeting moves to room 4 at three").startsWith(text.selectedText());
        assertThat(text.selectedText().length()).isLessThan("the meeting moves to room 4 at three".length());
        assertThat(clipboard(robot)).isEqualTo(text.selectedText());
    }

    @Test
    void aSelectionOverAnEmojiCopiesTheEmojiAsText(FxRobot robot) {
        receive("bob", "cake \uD83C\uDF82 at four");
        MessageText text = shown(robot, "cake \uD83C\uDF82 at four");
        robot.interact(text::selectAll);
        assertThat(text.selectedText()).isEqualTo("cake \uD83C\uDF82 at four");
        robot.interact(() -> text.select(3, 8));
        assertThat(text.selectedText()).isEqualTo("e \uD83C\uDF82 a");
    }

    @Test
    void severalMessagesSelectedAsRowsAreCopiedWithSenderAndTimeFromTheContextMenu(FxRobot robot) {
        receive("bob", "first line");
        receive("carol", "second line");
        robot.clickOn(shown(robot, "first line"));
        robot.press(KeyCode.SHIFT).clickOn(shown(robot, "second line")).release(KeyCode.SHIFT);
        assertThat(messages(robot).getSelectionModel().getSelectedItems()).hasSize(2);

        robot.rightClickOn(shown(robot, "second line"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Copy");

        assertThat(clipboard(robot)).isEqualTo("[22:14] bob: first line\n[22:15] carol: second line");
    }

    @Test
    void aLinkAsksFirstShowingTheWholeAddressThenOpensTheBrowser(FxRobot robot) {
        String address = "https://intranet.example.org/handbook/travel-expenses?year=2026#claims";
        receive("bob", "the form is at " + address + ".");
        Text link = robot.lookup(".link").queryAllAs(Text.class).stream().findFirst().orElseThrow();
        assertThat(link.getUserData()).isEqualTo(address);

        robot.clickOn(link);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(UiTestSupport.text(robot, "#link-address")).isEqualTo(address);
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(((Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL)).isDefaultButton())
                .as("Cancel is the default: Enter does not open an address").isTrue();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(browsed).isEmpty();

        robot.clickOn(link);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Open in browser");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(browsed).containsExactly(address);
    }

    @Test
    void anEmojiKeyWhoseCharacterLostItsHighHalfStillTypesTheEmoji(FxRobot robot) {
        TextArea draft = robot.lookup("#draft").queryAs(TextArea.class);
        robot.interact(() -> {
            // What JavaFX's GTK glass delivers for 😀 U+1F600 and 👍 U+1F44D: their low 16 bits.
            for (String typed : List.of("\uF600", "\uF44D", "a")) {
                Event.fireEvent(draft, new KeyEvent(KeyEvent.KEY_TYPED, typed, "", KeyCode.UNDEFINED, false, false, false, false));
            }
        });
        assertThat(draft.getText()).isEqualTo("\uD83D\uDE00\uD83D\uDC4Da");
    }

    @Test
    void theComposerHasTheFocusWhenTheChatOpens(FxRobot robot) {
        // As after login: the window shows the chat, then focuses the composer (Navigator.loggedIn).
        assertThat(robot.lookup("#draft").query().isFocused()).isTrue();
    }

    @Test
    void theEmojiPickerOpenedFromTheKeyboardTakesTheFocus(FxRobot robot) {
        robot.interact(() -> robot.lookup("#emoji-button").query().requestFocus());
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        Node picker = robot.lookup("#emoji-picker").query();
        assertThat(picker.getScene().getFocusOwner()).isSameAs(picker);
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void tabLeavesTheComposerInsteadOfTypingATab(FxRobot robot) {
        robot.clickOn("#draft").write("hi");
        robot.type(KeyCode.TAB);
        TextArea draft = robot.lookup("#draft").queryAs(TextArea.class);
        assertThat(draft.getText()).isEqualTo("hi");
        assertThat(draft.isFocused()).isFalse();
    }

    @Test
    void pickingAConversationPutsTheFocusInTheComposer(FxRobot robot) {
        client.fire(new ClientEvent.MessageAdded(FakeChatService.from("bob", Conversation.with("bob"), 1, "psst"), true));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#emoji-button");
        robot.type(KeyCode.ESCAPE);
        Node bob = robot.lookup("#conversations .list-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() != null && c.getItem().toString().startsWith("bob"))
                .findFirst().orElseThrow();
        robot.clickOn(bob);
        assertThat(robot.lookup("#draft").query().isFocused()).isTrue();
    }

    @Test
    void theViewFollowsTheNewestMessageUntilTheUserScrollsUpThenOffersAButton(FxRobot robot) {
        for (int i = 1; i <= 40; i++) {
            receive("bob", "message " + i);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lastVisible(robot)).isEqualTo("message 40");
        assertThat(robot.lookup("#new-messages").query().isVisible()).isFalse();

        scrollUp(robot, 400);
        assertThat(lastVisible(robot)).isNotEqualTo("message 40");
        receive("bob", "message 41");
        assertThat(lastVisible(robot)).isNotEqualTo("message 41");
        assertThat(robot.lookup("#new-messages").query().isVisible()).isTrue();

        robot.clickOn("#new-messages");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lastVisible(robot)).isEqualTo("message 41");
        assertThat(robot.lookup("#new-messages").query().isVisible()).isFalse();
        receive("bob", "message 42");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lastVisible(robot)).isEqualTo("message 42");
    }

    /**
     * The newcomer's chat opened after login with the three newest messages below the fold: rows grew after they
     * were shown (here: text wrapping anew in a narrower window), and nothing was added to scroll for.
     */
    @Test
    void rowsThatGrowAfterTheyWereShownDoNotPushTheNewestMessageOutOfView(FxRobot robot) {
        for (int i = 1; i <= 30; i++) {
            receive("bob", "message " + i + ": a line long enough to wrap onto a second and a third line once the window"
                    + " is made narrow, which is what happens to rows whose pictures arrive after they were drawn");
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lastVisible(robot)).startsWith("message 30:");

        robot.interact(() -> stage.setWidth(640));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lastVisible(robot)).startsWith("message 30:");
        ListView<MessageItem> list = messages(robot);
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) list.lookup(".virtual-flow");
        double[] bottom = new double[2];
        robot.interact(() -> {
            var last = flow.getLastVisibleCell();
            bottom[0] = last.getLayoutY() + last.getHeight();
            bottom[1] = flow.getHeight();
        });
        assertThat(bottom[0]).as("the newest row's bottom, within the list's height").isLessThanOrEqualTo(bottom[1] + 1);
    }

    /** The mouse wheel, as the list gets it: Monocle's robot has no wheel. */
    private void scrollUp(FxRobot robot, double pixels) {
        Node flow = messages(robot).lookup(".virtual-flow");
        robot.interact(() -> Event.fireEvent(flow, new ScrollEvent(ScrollEvent.SCROLL, 100, 100, 100, 100, false, false,
                false, false, false, false, 0, pixels, 0, pixels, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String lastVisible(FxRobot robot) {
        ListView<MessageItem> list = messages(robot);
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) list.lookup(".virtual-flow");
        String[] text = new String[1];
        robot.interact(() -> text[0] = list.getItems().get(flow.getLastVisibleCell().getIndex()).text());
        return text[0];
    }

    @Test
    void atSixFortyByFourEightyTheSendButtonAndTheRowsKeepTheirText(FxRobot robot) {
        receive("bob", "a message that is long enough to wrap onto a second line in a window this narrow, surely");
        robot.interact(() -> {
            stage.setWidth(640);
            stage.setHeight(480);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Button send = robot.lookup("#send").queryAs(Button.class);
        assertThat(send.getWidth()).isGreaterThanOrEqualTo(send.prefWidth(-1) - 0.5);
        Text label = (Text) send.lookup(".text");
        assertThat(label.getText()).isEqualTo("Send");
        Bounds sendBounds = send.localToScene(send.getLayoutBounds());
        assertThat(sendBounds.getMaxX()).isLessThanOrEqualTo(send.getScene().getWidth());
        MessageText row = shown(robot, "a message that is long enough to wrap onto a second line in a window this narrow, surely");
        assertThat(row.getHeight()).as("the text wraps instead of being cut").isGreaterThanOrEqualTo(row.flow().prefHeight(row.getWidth()) - 0.5);
    }

    /** A newcomer's window of 1000 px showed the header's buttons as "Na…", "His…" and "Log…". */
    @Test
    void atAThousandPixelsTheHeadersButtonsKeepTheirWords(FxRobot robot) {
        robot.interact(() -> stage.setWidth(1000));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#display-name", "#history", "#logout")) {
            Button button = robot.lookup(id).queryAs(Button.class);
            assertThat(button.getWidth()).as(id).isGreaterThanOrEqualTo(button.prefWidth(-1) - 0.5);
            assertThat(button.localToScene(button.getLayoutBounds()).getMaxX()).as(id + " on the window")
                    .isLessThanOrEqualTo(button.getScene().getWidth());
        }
    }
}
