package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.ClientOptions;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The start window at its default size, with no appliance to find: every text shows whole. */
@ExtendWith(ApplicationExtension.class)
class StartWindowUiTest {
    @TempDir
    static Path dataDir;
    private ClientServices services;

    @Start
    void start(Stage stage) throws IOException {
        services = ClientServices.open(dataDir, false, Optional.empty(), ClientOptions.DEFAULTS);
        new Navigator(stage, services).showStart();
    }

    @AfterEach
    void stop() throws TimeoutException {
        FxToolkit.cleanupStages();
        services.close();
    }

    @Test
    void atTheDefaultSizeNoTextIsCutOff(FxRobot robot) {
        UiTestSupport.waitFor(() -> robot.lookup(".label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().contains("type the appliance's address")));
        WaitForAsyncUtils.waitForFxEvents();
        for (Label label : robot.lookup(".label").queryAllAs(Label.class)) {
            if (!label.isVisible() || label.getText() == null || label.getText().isEmpty() || label.getScene() == null) {
                continue;
            }
            Text shown = (Text) label.lookup(".text");
            assertThat(shown.getText().replace("\n", " ")).as("label shown whole").isEqualTo(label.getText().replace("\n", " "));
        }
        TextField address = robot.lookup("#address").queryAs(TextField.class);
        Text prompt = new Text(address.getPromptText());
        prompt.setFont(address.getFont());
        assertThat(prompt.getLayoutBounds().getWidth()).as("the address prompt fits its field")
                .isLessThan(address.getWidth() - address.getPadding().getLeft() - address.getPadding().getRight());
    }
}
