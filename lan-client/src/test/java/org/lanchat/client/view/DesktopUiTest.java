package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Bounds;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.chat.Stickers;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.client.viewmodel.HistoryViewModel;
import org.lanchat.client.viewmodel.MessageItem;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.SessionMessage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The windows, driven like a person would, against the real appliance. */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class DesktopUiTest extends UiTestSupport {
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

    @Test
    void aWrongPasswordIsShownInTheLoginWindow(FxRobot robot) {
        String user = name("ui-alice");
        live.appliance().newUser(user).close();
        waitFor(() -> robot.lookup("#username").tryQuery().isPresent());

        robot.clickOn("#login");
        waitFor(() -> "Enter your username.".equals(text(robot, "#login-error")));

        fill(robot, "#username", user);
        robot.clickOn("#password").write("wrong");
        robot.type(KeyCode.ENTER);

        waitFor(() -> "Wrong username or password.".equals(text(robot, "#login-error")));
        assertVisible(robot, "#login-error");
        assertThat(robot.lookup("#draft").tryQuery()).isEmpty();
    }

    @Test
    void registeringCreatesTheAccountAndOpensTheChat(FxRobot robot) {
        String user = name("ui-newbie");
        waitFor(() -> robot.lookup("#to-register").tryQuery().isPresent());
        robot.clickOn("#to-register");
        waitFor(() -> robot.lookup("#reg-username").tryQuery().isPresent());
        assertVisible(robot, "#avatar-preview");

        fill(robot, "#reg-username", user);
        fill(robot, "#reg-password", "a good password");
        fill(robot, "#reg-confirmation", "a good passwor");
        robot.clickOn("#register");
        waitFor(() -> "The passwords do not match.".equals(text(robot, "#confirmation-error")));

        robot.clickOn("#reg-confirmation").write("d");
        robot.clickOn("#register");

        waitFor(() -> robot.lookup("#draft").tryQuery().isPresent());
        assertThat(text(robot, "#me")).isEqualTo(user);
        assertThat(robot.lookup("#me").queryAs(javafx.scene.control.Label.class).getTooltip().getText())
                .isEqualTo("Logged in as " + user);
        TestClient other = live.appliance().connect();
        other.login(user, "a good password");
        other.close();
    }

    @Test
    void aGroupMessageArrivesAtASecondClientAndItsReplyAppears(FxRobot robot) {
        String user = name("ui-carol");
        live.appliance().newUser(user).close();
        TestClient second = live.appliance().newUser(name("ui-dave"));
        logIn(robot, user);

        fill(robot, "#draft", "hello from the desktop");
        robot.clickOn("#draft").press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        robot.write("ok");
        robot.type(KeyCode.ENTER);

        second.awaitChat(1, m -> m.conversation().isGroup() && "hello from the desktop\nok".equals(m.text()));
        waitFor(() -> text(robot, "#draft").isEmpty());

        second.send(Conversation.GROUP, "got it, thanks");
        waitFor(() -> rows(robot).stream().anyMatch(r -> "got it, thanks".equals(r.text()) && r.kind() == MessageItem.Kind.OTHER));
        waitFor(() -> robot.lookup(".bubble.other").tryQuery().isPresent());

        // A later message from the desktop: once it has arrived, a resent first one would have arrived too.
        fill(robot, "#draft", "sentinel");
        robot.clickOn("#draft").type(KeyCode.ENTER);
        second.awaitChat(1, m -> "sentinel".equals(m.text()));
        assertThat(second.chat(m -> m.text() != null && m.text().startsWith("hello from the desktop"))).hasSize(1);
        waitFor(() -> rows(robot).stream().anyMatch(r -> "sentinel".equals(r.text())
                && r.deliveryProperty().get() == org.lanchat.client.core.Delivery.DELIVERED));
        assertThat(rows(robot)).filteredOn(r -> r.kind() == MessageItem.Kind.OWN).extracting(MessageItem::text)
                .containsExactly("hello from the desktop\nok", "sentinel");
    }

    @Test
    void anEmptyMessageIsNotSent(FxRobot robot) {
        String user = name("ui-erin");
        live.appliance().newUser(user).close();
        logIn(robot, user);
        robot.clickOn("#draft").write("  ");
        robot.type(KeyCode.ENTER);
        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT).type(KeyCode.ENTER);
        assertThat(text(robot, "#draft")).isEqualTo("  \n");
        assertThat(robot.lookup("#send").query().isDisabled()).as("Send disabled for a blank draft").isTrue();

        // Something that is sent: once its row is there, a row for the blank drafts would be there too.
        fill(robot, "#draft", "not blank");
        robot.clickOn("#draft").type(KeyCode.ENTER);
        waitFor(() -> rows(robot).stream().anyMatch(r -> "not blank".equals(r.text())));
        assertThat(rows(robot)).filteredOn(r -> r.kind() == MessageItem.Kind.OWN).extracting(MessageItem::text)
                .containsExactly("not blank");
    }

    @Test
    void pickingAUserFromTheRosterOpensAPrivateChat(FxRobot robot) {
        String user = name("ui-frank");
        String peer = name("ui-gina");
        live.appliance().newUser(user).close();
        TestClient gina = live.appliance().newUser(peer);
        logIn(robot, user);

        waitFor(() -> robot.lookup("#roster .list-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.ListCell<?> cell && peer.equals(cell.getItem())));
        waitFor(() -> text(robot, "#online-count").matches("Online \\(\\d+\\)"));
        Node cell = robot.lookup("#roster .list-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && peer.equals(c.getItem()))
                .findFirst().orElseThrow();
        robot.clickOn(cell);
        waitFor(() -> ("Private with " + peer).equals(text(robot, "#conversation-title")));

        fill(robot, "#draft", "just between us");
        robot.clickOn("#draft").type(KeyCode.ENTER);
        gina.awaitChat(1, m -> m.conversation().equals(Conversation.with(user)) && "just between us".equals(m.text()));
        waitFor(() -> robot.lookup(".bubble.private").tryQuery().isPresent());

        fill(robot, "#draft", "sentinel");
        robot.clickOn("#draft").type(KeyCode.ENTER);
        gina.awaitChat(1, m -> "sentinel".equals(m.text()));
        assertThat(gina.chat(m -> "just between us".equals(m.text()))).hasSize(1);
        assertThat(gina.chat(m -> "sentinel".equals(m.text()))).singleElement()
                .satisfies(m -> assertThat(m.conversation()).isEqualTo(Conversation.with(user)));
    }

    @Test
    void anEmojiFromThePickerIsInsertedAndDrawnAsAPicture(FxRobot robot) {
        String user = name("ui-hank");
        live.appliance().newUser(user).close();
        logIn(robot, user);

        fill(robot, "#draft", "good ");
        robot.clickOn("#emoji-button");
        waitFor(() -> robot.lookup(".emoji-choice").tryQuery().isPresent());
        Node first = robot.lookup(".emoji-choice").queryAll().iterator().next();
        String emoji = (String) first.getUserData();
        robot.clickOn(first);

        waitFor(() -> text(robot, "#draft").equals("good " + emoji));
        assertThat(emoji).isEqualTo("\uD83D\uDE00");
        robot.clickOn("#draft").type(KeyCode.END).type(KeyCode.ENTER);
        waitFor(() -> robot.lookup("#messages .emoji").queryAll().stream()
                .anyMatch(n -> n instanceof ImageView view && emoji.equals(view.getUserData()) && view.getImage() != null));
    }

    @Test
    void aStickerFromThePickerIsSentAndShownAsALargePicture(FxRobot robot) {
        String user = name("ui-kim");
        live.appliance().newUser(user).close();
        TestClient lee = live.appliance().newUser(name("ui-lee"));
        logIn(robot, user);

        robot.clickOn("#sticker-button");
        waitFor(() -> robot.lookup(".sticker-choice").tryQuery().isPresent());
        List<Node> choices = List.copyOf(robot.lookup(".sticker-choice").queryAll());
        assertThat(choices).extracting(Node::getUserData)
                .containsExactlyElementsOf(Stickers.ALL.stream().map(SessionMessage.Sticker::code).toList());
        Node party = choices.getLast();
        String code = (String) party.getUserData();
        robot.clickOn(party);

        assertThat(lee.awaitChat(1, m -> code.equals(m.sticker()))).singleElement()
                .satisfies(m -> assertThat(m.text()).isNull());
        waitFor(() -> robot.lookup("#messages .sticker").queryAll().stream()
                .anyMatch(n -> n instanceof ImageView view && view.getImage() != null && view.getFitWidth() >= 64));
        assertThat(robot.lookup(".sticker-picker").tryQuery()).as("the picker closes after sending").isEmpty();
    }

    @Test
    void theChatWindowKeepsTheRosterAndTheInputInViewWhenResized(FxRobot robot) {
        String user = name("ui-max");
        live.appliance().newUser(user).close();
        logIn(robot, user);
        Stage stage = navigator.stage();

        robot.interact(() -> {
            stage.setWidth(stage.getMinWidth());
            stage.setHeight(stage.getMinHeight());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertInsideTheWindow(robot, "#roster", "#draft", "#send", "#emoji-button", "#messages");
        double smallMessagesWidth = robot.lookup("#messages").query().getBoundsInLocal().getWidth();

        robot.interact(() -> {
            stage.setWidth(1260);
            stage.setHeight(790);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertInsideTheWindow(robot, "#roster", "#draft", "#send", "#emoji-button", "#messages");
        // The extra width goes to the conversation; the roster keeps its width.
        double messagesWidth = robot.lookup("#messages").query().getBoundsInLocal().getWidth();
        double rosterWidth = robot.lookup("#roster").query().getBoundsInLocal().getWidth();
        assertThat(messagesWidth).isGreaterThan(smallMessagesWidth + 500);
        assertThat(rosterWidth).isLessThan(400);
        assertThat(robot.lookup("#draft").query().getBoundsInLocal().getWidth()).isGreaterThan(messagesWidth * 0.6);
    }

    private static void assertInsideTheWindow(FxRobot robot, String... queries) {
        for (String query : queries) {
            Node node = robot.lookup(query).query();
            Bounds bounds = node.localToScene(node.getBoundsInLocal());
            Scene scene = node.getScene();
            assertThat(node.isVisible()).as(query + " visible").isTrue();
            assertThat(bounds.getWidth()).as(query + " width").isGreaterThan(20);
            assertThat(bounds.getHeight()).as(query + " height").isGreaterThan(20);
            assertThat(bounds.getMinX()).as(query + " left edge").isGreaterThanOrEqualTo(0);
            assertThat(bounds.getMinY()).as(query + " top edge").isGreaterThanOrEqualTo(0);
            assertThat(bounds.getMaxX()).as(query + " right edge").isLessThanOrEqualTo(scene.getWidth() + 0.5);
            assertThat(bounds.getMaxY()).as(query + " bottom edge").isLessThanOrEqualTo(scene.getHeight() + 0.5);
        }
    }

    @Test
    void scrollingToTheTopOfTheHistoryLoadsOlderPagesFromTheAppliance(FxRobot robot) {
        String user = name("ui-nina");
        String peer = name("ui-omar");
        live.appliance().newUser(user).close();
        TestClient omar = live.appliance().newUser(peer);
        int total = 2 * HistoryViewModel.PAGE + 20;
        for (int i = 1; i <= total; i++) {
            omar.send(Conversation.with(user), "line " + i);
        }
        logIn(robot, user);
        openConversationWith(robot, peer);

        robot.clickOn("#history");
        waitFor(() -> robot.lookup("#history-list").tryQuery().isPresent() && historyRows(robot).size() == HistoryViewModel.PAGE);
        assertThat(historyRows(robot).getFirst().text()).isEqualTo("line " + (total - HistoryViewModel.PAGE + 1));
        assertThat(text(robot, "#history-status")).isEqualTo(HistoryViewModel.PAGE + " messages loaded; scroll up for older ones");

        // Scrolled to the top, as dragging the scroll bar up would: each time, the next older page comes in
        // above, and the rows in view stay where they were.
        ListView<?> list = robot.lookup("#history-list").queryAs(ListView.class);
        for (int pages = 2; pages <= 3; pages++) {
            int before = historyRows(robot).size();
            robot.interact(() -> list.scrollTo(0));
            waitFor(() -> historyRows(robot).size() > before && !robot.lookup("#load-older").query().isDisabled()
                    || historyRows(robot).size() == total);
            assertThat(historyRows(robot)).as("one page per scroll").hasSize(Math.min(total, before + HistoryViewModel.PAGE));
            assertThat(historyRows(robot).get(historyRows(robot).size() - before).text())
                    .isEqualTo("line " + (total - before + 1));
        }
        waitFor(() -> historyRows(robot).size() == total);
        assertThat(historyRows(robot)).extracting(MessageItem::text).startsWith("line 1", "line 2")
                .endsWith("line " + total).doesNotHaveDuplicates();
        assertThat(text(robot, "#history-status")).isEqualTo("All " + total + " messages");
    }

    @Test
    void theHistoryWindowPagesSearchesAndClearsAfterConfirmation(FxRobot robot) {
        String user = name("ui-ivy");
        String peer = name("ui-jack");
        live.appliance().newUser(user).close();
        TestClient jack = live.appliance().newUser(peer);
        for (int i = 1; i <= 3; i++) {
            jack.send(Conversation.with(user), "old news " + i);
        }
        logIn(robot, user);
        openConversationWith(robot, peer);

        robot.clickOn("#history");
        waitFor(() -> robot.lookup("#history-list").tryQuery().isPresent()
                && robot.lookup("#history-list").queryAs(ListView.class).getItems().size() == 3);
        fill(robot, "#history-search", "news");
        robot.clickOn("#history-search").write(" 2");
        waitFor(() -> robot.lookup("#history-list").queryAs(ListView.class).getItems().size() == 1);
        assertThat(text(robot, "#history-status")).isEqualTo("1 match in all 3 messages");
        fill(robot, "#history-search", "");

        robot.clickOn("#clear-history");
        waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn("Clear history");
        waitFor(() -> robot.lookup("#history-list").queryAs(ListView.class).getItems().isEmpty());
        assertThat(text(robot, "#history-status")).startsWith("History cleared");
        // Cleared for this user only: jack still has all three.
        List<ConversationMessage.ChatMessage> jacks = jack.request(new ConversationRequest.HistoryRequest(jack.nextId(),
                Conversation.with(user), null, null, 10), ConversationMessage.HistoryPage.class).messages();
        assertThat(jacks).hasSize(3);
        waitFor(() -> rows(robot).stream().noneMatch(r -> r.text() != null && r.text().startsWith("old news")));
    }

    /**
     * Clicks the peer's entry until its conversation is open: while the messages delivered at login come in,
     * the list re-sorts, and a cell found a moment ago may show another conversation by the time it is clicked.
     */
    private static void openConversationWith(FxRobot robot, String peer) {
        waitFor(() -> {
            if (("Private with " + peer).equals(text(robot, "#conversation-title"))) {
                return true;
            }
            robot.lookup("#conversations .list-cell").queryAll().stream()
                    .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() != null
                            && c.getItem().toString().startsWith(peer))
                    .findFirst().ifPresent(robot::clickOn);
            return false;
        });
    }

    @SuppressWarnings("unchecked")
    private static List<MessageItem> historyRows(FxRobot robot) {
        return List.copyOf(robot.lookup("#history-list").queryAs(ListView.class).getItems());
    }

    @SuppressWarnings("unchecked")
    private static List<MessageItem> rows(FxRobot robot) {
        return List.copyOf(robot.lookup("#messages").queryAs(ListView.class).getItems());
    }

    static boolean anyText(FxRobot robot, String query, String content) {
        return robot.lookup(query).queryAll().stream().anyMatch(n -> n instanceof Text t && content.equals(t.getText()));
    }
}
