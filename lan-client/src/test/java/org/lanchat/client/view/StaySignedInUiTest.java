package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lanchat.client.testing.LiveAppliance;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The password is typed once; the next start goes straight to the chat, until the user logs out. */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class StaySignedInUiTest extends UiTestSupport {
    @RegisterExtension
    static final LiveAppliance live = LiveAppliance.extension();
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        startApp(stage, live, live.dir(), true);
    }

    @AfterEach
    void stop() throws TimeoutException {
        stopApp();
    }

    @Test
    void theNextStartResumesWithoutThePasswordAndLoggingOutEndsThat(FxRobot robot) {
        live.appliance().newUser("stays").close();
        logIn(robot, "stays");

        relaunch(robot);
        waitFor(() -> robot.lookup("#draft").tryQuery().isPresent());

        robot.clickOn("#logout");
        waitFor(() -> robot.lookup("#login-notice").tryQuery().map(n -> n.isVisible()).orElse(false));
        assertThat(text(robot, "#login-notice")).isEqualTo("You have logged out.");
        assertThat(robot.lookup("#login-error").query().isVisible()).as("not an error").isFalse();
        assertThat(text(robot, "#username")).as("remembered").isEqualTo("stays");

        relaunch(robot);
        waitFor(() -> robot.lookup("#username").tryQuery().isPresent());
        assertThat(text(robot, "#username")).isEqualTo("stays");
        assertThat(robot.lookup("#draft").tryQuery()).as("signed out stays signed out").isEmpty();
    }

    @Test
    void useAnotherApplianceStaysOnTheStartWindowForTheUserToChoose(FxRobot robot) {
        live.appliance().newUser("chooser").close();
        logIn(robot, "chooser");
        robot.clickOn("#logout");
        waitFor(() -> robot.lookup("#other-appliance").tryQuery().isPresent());

        robot.clickOn("#other-appliance");
        waitFor(() -> robot.lookup("#address").tryQuery().isPresent());
        assertThat(robot.lookup(".progress-indicator").queryAll().stream().noneMatch(javafx.scene.Node::isVisible))
                .as("not connecting by itself to the address the app was started with").isTrue();
        assertThat(robot.lookup("#connect").query().isDisabled()).as("the appliance used last is there to choose").isFalse();
        assertThat(robot.lookup("#username").tryQuery()).as("not back at the login form").isEmpty();
    }

    /** A new start of the app on the same data directory, as the next login to the desktop would do. */
    private void relaunch(FxRobot robot) {
        navigator.shutdown().join();
        robot.interact(() -> {
            navigator = new Navigator(stage, services);
            navigator.showStart();
        });
    }
}
