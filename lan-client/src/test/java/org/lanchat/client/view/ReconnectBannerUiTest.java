package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.client.testing.LiveAppliance;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Its own appliance, since it stops it. */
@ExtendWith(ApplicationExtension.class)
class ReconnectBannerUiTest extends UiTestSupport {
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

    @Test
    void aBannerShowsWhileTheApplianceIsGoneAndDisappearsWhenItIsBack(FxRobot robot) {
        live.appliance().newUser("banner-user").close();
        logIn(robot, "banner-user");
        assertThat(robot.lookup("#banner").query().isVisible()).isFalse();
        javafx.geometry.Bounds listBefore = where(robot, "#conversations");
        javafx.geometry.Bounds draftBefore = where(robot, "#draft");

        live.appliance().stop();
        waitFor(() -> robot.lookup("#banner").query().isVisible());
        assertThat(text(robot, "#banner")).contains("Reconnecting");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(where(robot, "#conversations")).as("the row a user is about to click stays where it was")
                .isEqualTo(listBefore);
        assertThat(where(robot, "#draft")).isEqualTo(draftBefore);
        assertVisible(robot, "#reconnect-now");
        assertThat(text(robot, "#online-count")).isEqualTo("Online: unknown while disconnected");

        fill(robot, "#draft", "typed while it was down");
        robot.clickOn("#draft").type(javafx.scene.input.KeyCode.ENTER);

        live.appliance().restart();
        waitFor(() -> !robot.lookup("#banner").query().isVisible());
        waitFor(() -> text(robot, "#online-count").startsWith("Online ("));
        var observer = live.appliance().newUser("observer");
        assertThat(observer.request(new org.lanchat.protocol.message.ConversationRequest.HistoryRequest(observer.nextId(),
                        org.lanchat.protocol.message.Conversation.GROUP, null, null, 10),
                org.lanchat.protocol.message.ConversationMessage.HistoryPage.class).messages())
                .extracting(org.lanchat.protocol.message.ConversationMessage.ChatMessage::text)
                .containsExactly("typed while it was down");
    }

    /** Where a node is in the window. */
    private static javafx.geometry.Bounds where(FxRobot robot, String query) {
        javafx.scene.Node node = robot.lookup(query).query();
        return node.localToScene(node.getLayoutBounds());
    }
}
