package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.ImageView;
import javafx.scene.input.InputMethodEvent;
import javafx.scene.input.InputMethodHighlight;
import javafx.scene.input.InputMethodTextRun;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.protocol.message.Conversation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app in Simplified Chinese against the real appliance: the login and chat windows speak Chinese, a colleague's
 * Chinese display name and a message mixing Chinese and emoji are drawn with real glyphs (this machine has a CJK
 * font, as .ci/run makes sure), and Chinese typed through an input method is sent.
 *
 * <p>The input method is simulated by the events JavaFX receives from one (text being composed, then the committed
 * text), not a real fcitx5 or ibus: those are to be checked by hand (README, Desktop client, Languages).
 */
@ExtendWith(ApplicationExtension.class)
class ChineseUiTest extends UiTestSupport {
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();
    static TestClient zhangWei;

    @BeforeAll
    static void startAppliance() {
        zhangWei = live.appliance().connect();
        zhangWei.registerAs("zhangwei", RunningAppliance.PASSWORD, null, "张伟");
    }

    @AfterAll
    static void stopAppliance() {
        zhangWei.close();
    }

    @Start
    void start(Stage stage) {
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        CjkFont.ensure(); // as LanChatApp does at start
        startApp(stage, live, live.dir(), true);
    }

    @AfterEach
    void stop() throws TimeoutException {
        stopApp();
        Texts.use(Locale.ENGLISH);
    }

    @Test
    void theLoginAndChatWindowsSpeakChinese(FxRobot robot) {
        waitFor(() -> robot.lookup("#username").tryQuery().isPresent());
        assertThat(text(robot, "#login")).isEqualTo("登录");
        assertThat(robot.lookup("#username").queryAs(TextInputControl.class).getPromptText()).isEqualTo("用户名");
        assertThat(text(robot, "#to-register")).isEqualTo("还没有账号？立即注册");

        live.appliance().newUser("alice").close();
        logIn(robot, "alice");
        assertThat(text(robot, "#send")).isEqualTo("发送");
        assertThat(text(robot, "#logout")).isEqualTo("退出登录");
        waitFor(() -> text(robot, "#conversation-title").equals("群聊：所有在线成员"));
        assertThat(robot.lookup("#draft").queryAs(TextArea.class).getPromptText()).startsWith("输入消息");
        waitFor(() -> robot.lookup("#roster .list-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.ListCell<?> cell && "张伟".equals(cell.getText())));
    }

    @Test
    void chineseAndEmojiInAMessageAreDrawnWithGlyphs(FxRobot robot) {
        live.appliance().newUser("bob").close();
        logIn(robot, "bob");
        zhangWei.send(Conversation.GROUP, "大家好 \uD83D\uDC4B 下午三点开会");
        waitFor(() -> messageText(robot, "大家好").isPresent());
        MessageText message = messageText(robot, "大家好").orElseThrow();

        Text chinese = message.flow().getChildren().stream().filter(n -> n instanceof Text t && t.getText().contains("大家好"))
                .map(Text.class::cast).findFirst().orElseThrow();
        assertThat(WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> CjkFont.drawable(chinese.getFont()))))
                .as("%s draws Chinese, not missing-glyph boxes", chinese.getFont()).isTrue();
        assertThat(message.flow().getChildren()).anySatisfy(n -> assertThat(n).isInstanceOfSatisfying(ImageView.class,
                emoji -> assertThat(emoji.getImage()).as("👋 as a picture").isNotNull()));
        assertThat(robot.lookup("#messages .sender").queryAll().stream().map(n -> ((javafx.scene.control.Labeled) n).getText()))
                .contains("张伟");
    }

    @Test
    void chineseTypedThroughAnInputMethodIsSent(FxRobot robot) {
        live.appliance().newUser("carol").close();
        logIn(robot, "carol");
        TextArea draft = robot.lookup("#draft").queryAs(TextArea.class);
        robot.clickOn(draft);

        // Pinyin being composed shows in the field but is not yet text of the message...
        robot.interact(() -> draft.fireEvent(new InputMethodEvent(InputMethodEvent.INPUT_METHOD_TEXT_CHANGED,
                List.of(new InputMethodTextRun("ni", InputMethodHighlight.UNSELECTED_RAW)), "", 2)));
        assertThat(draft.getText()).isEqualTo("ni");
        // ...until the input method commits the characters chosen, which replace it.
        robot.interact(() -> draft.fireEvent(new InputMethodEvent(InputMethodEvent.INPUT_METHOD_TEXT_CHANGED,
                List.of(), "你好", 0)));
        assertThat(draft.getText()).isEqualTo("你好");

        robot.type(KeyCode.ENTER);
        waitFor(() -> draft.getText().isEmpty());
        zhangWei.awaitChat(1, m -> "carol".equals(m.from()) && "你好".equals(m.text()));
        waitFor(() -> messageText(robot, "你好").isPresent());
    }

    private static java.util.Optional<MessageText> messageText(FxRobot robot, String start) {
        ListView<?> list = robot.lookup("#messages").queryAs(ListView.class);
        return list.lookupAll(".message-text-box").stream().filter(n -> n instanceof MessageText t && t.fullText().startsWith(start))
                .map(MessageText.class::cast).findFirst();
    }
}
