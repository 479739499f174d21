package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.client.viewmodel.MessageItem;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ServerMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The windows, driven like a person would, against the real appliance. */
@ExtendWith(ApplicationExtension.class)
class DesktopUiTest extends UiTestSupport {
    private static final AtomicInteger USERS = new AtomicInteger();
    @TempDir
    static Path dir;
    static LiveAppliance live;

    @BeforeAll
    static void startAppliance() {
        live = LiveAppliance.start(dir);
    }

    @AfterAll
    static void stopAppliance() {
        live.close();
    }

    @Start
    void start(Stage stage) {
        startApp(stage, live, dir, true);
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
        assertThat(text(robot, "#me")).isEqualTo("Logged in as " + user);
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

        assertThat(second.awaitChat(1, m -> m.conversation().isGroup() && "hello from the desktop\nok".equals(m.text())))
                .hasSize(1);
        waitFor(() -> text(robot, "#draft").isEmpty());

        second.send(Conversation.GROUP, "got it, thanks");
        waitFor(() -> rows(robot).stream().anyMatch(r -> "got it, thanks".equals(r.text()) && r.kind() == MessageItem.Kind.OTHER));
        assertThat(rows(robot)).filteredOn(r -> r.kind() == MessageItem.Kind.OWN).extracting(MessageItem::text)
                .containsExactly("hello from the desktop\nok");
        waitFor(() -> robot.lookup(".bubble.other").tryQuery().isPresent());
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
        assertThat(rows(robot)).noneMatch(r -> r.kind() == MessageItem.Kind.OWN);
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
        assertThat(gina.awaitChat(1, m -> m.conversation().equals(Conversation.with(user)) && "just between us".equals(m.text())))
                .hasSize(1);
        waitFor(() -> robot.lookup(".bubble.private").tryQuery().isPresent());
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
    void theHistoryWindowPagesSearchesAndClearsAfterConfirmation(FxRobot robot) {
        String user = name("ui-ivy");
        String peer = name("ui-jack");
        live.appliance().newUser(user).close();
        TestClient jack = live.appliance().newUser(peer);
        for (int i = 1; i <= 3; i++) {
            jack.send(Conversation.with(user), "old news " + i);
        }
        logIn(robot, user);
        waitFor(() -> robot.lookup("#conversations .list-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() != null && c.getItem().toString().startsWith(peer)));
        Node conversation = robot.lookup("#conversations .list-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() != null && c.getItem().toString().startsWith(peer))
                .findFirst().orElseThrow();
        robot.clickOn(conversation);
        waitFor(() -> ("Private with " + peer).equals(text(robot, "#conversation-title")));

        robot.clickOn("#history");
        waitFor(() -> robot.lookup("#history-list").tryQuery().isPresent()
                && robot.lookup("#history-list").queryAs(ListView.class).getItems().size() == 3);
        fill(robot, "#history-search", "news");
        robot.clickOn("#history-search").write(" 2");
        waitFor(() -> robot.lookup("#history-list").queryAs(ListView.class).getItems().size() == 1);
        assertThat(text(robot, "#history-status")).startsWith("1 match");
        fill(robot, "#history-search", "");

        robot.clickOn("#clear-history");
        waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn("Clear history");
        waitFor(() -> robot.lookup("#history-list").queryAs(ListView.class).getItems().isEmpty());
        assertThat(text(robot, "#history-status")).startsWith("History cleared");
        // Cleared for this user only: jack still has all three.
        List<ServerMessage.ChatMessage> jacks = jack.request(new ClientMessage.HistoryRequest(jack.nextId(),
                Conversation.with(user), null, null, 10), ServerMessage.HistoryPage.class).messages();
        assertThat(jacks).hasSize(3);
        waitFor(() -> rows(robot).stream().noneMatch(r -> r.text() != null && r.text().startsWith("old news")));
    }

    @SuppressWarnings("unchecked")
    private static List<MessageItem> rows(FxRobot robot) {
        return List.copyOf(robot.lookup("#messages").queryAs(ListView.class).getItems());
    }

    static boolean anyText(FxRobot robot, String query, String content) {
        return robot.lookup(query).queryAll().stream().anyMatch(n -> n instanceof Text t && content.equals(t.getText()));
    }
}
