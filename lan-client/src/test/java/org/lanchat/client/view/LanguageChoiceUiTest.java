package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The language setting: the system's by default, each language by its own name, kept for the next start. */
@ExtendWith(ApplicationExtension.class)
class LanguageChoiceUiTest {
    @TempDir
    Path dataDir;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(LanguageChoice.of(ClientSettings.open(dataDir, Runnable::run)), 400, 200));
        stage.show();
    }

    @Test
    void aChosenLanguageIsSavedAndUsedFromTheNextStart(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ComboBox<Language> choice = robot.lookup("#language").queryAs(ComboBox.class);
        assertThat(choice.getValue()).isEqualTo(Language.SYSTEM);
        assertThat(choice.getItems()).extracting(Language::label).containsExactly("System language", "English", "简体中文");
        assertThat(robot.lookup("#language-next-start").query().isVisible()).isFalse();

        robot.interact(() -> choice.setValue(Language.SIMPLIFIED_CHINESE));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#language-next-start").query().isVisible()).isTrue();
        ClientSettings nextStart = ClientSettings.open(dataDir, Runnable::run);
        assertThat(Language.saved(nextStart)).isEqualTo(Language.SIMPLIFIED_CHINESE);
    }

    @Test
    void aLanguageThisVersionDoesNotKnowMeansTheSystems() {
        ClientSettings settings = ClientSettings.open(dataDir, Runnable::run);
        settings.put(Language.SETTING, "tlh");
        assertThat(Language.saved(settings)).isEqualTo(Language.SYSTEM);
    }
}
