package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.Delivery;
import org.lanchat.client.emoji.EmojiCatalog;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.ReadMark;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The chat window's line under the messages ("Read", "Read by k", "bob is typing…") and the read-marks setting. */
@ExtendWith(ApplicationExtension.class)
class ReadingUiTest {
    private static final EmojiImages EMOJI = new EmojiImages(EmojiCatalog.load());
    private final FakeChatService client = new FakeChatService();

    @Start
    void start(Stage stage) {
        ChatViewModel model = new ChatViewModel(client, Platform::runLater, ZoneOffset.UTC);
        client.loggedInAs("alice");
        ChatView view = new ChatView(model, EMOJI, () -> { }, () -> { }, new LinkOpener(url -> { }));
        Scene scene = new Scene(view.root(), 900, 640);
        scene.getStylesheets().add(Navigator.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        view.focus();
    }

    private void fire(ClientEvent event) {
        client.fire(event);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Label activity(FxRobot robot) {
        return robot.lookup("#conversation-activity").queryAs(Label.class);
    }

    @Test
    void someoneTypingShowsUnderTheMessages(FxRobot robot) {
        assertThat(activity(robot).isVisible()).isFalse();
        fire(new ClientEvent.Typing(Conversation.GROUP, "bob", Duration.ofSeconds(6)));
        assertThat(activity(robot).isVisible()).isTrue();
        assertThat(activity(robot).getText()).isEqualTo("bob is typing…");
    }

    @Test
    void inTheGroupReadByKHasTheNamesInItsTooltip(FxRobot robot) {
        client.readMarksAnswer.complete(List.of(new ReadMark("bob", 3), new ReadMark("carol", 3)));
        fire(new ClientEvent.MessageAdded(new ChatEntry(3, Conversation.GROUP, 3, "alice", "own-3", "lunch?", null,
                1_700_000_000_000L, true, Delivery.DELIVERED, Optional.empty()), true));
        assertThat(activity(robot).getText()).isEqualTo("Read by 2");
        assertThat(activity(robot).getTooltip().getText()).isEqualTo("bob, carol");
    }

    @Test
    void theSettingTurnsSendingReadMarksOff(FxRobot robot) {
        CheckBox setting = robot.lookup("#send-read-marks").queryAs(CheckBox.class);
        assertThat(setting.isSelected()).isTrue();
        robot.clickOn(setting);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(client.sendingReadMarks).isFalse();
    }
}
