package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Text zoom and overlays that behave like dialogs, on a window of their own. */
@ExtendWith(ApplicationExtension.class)
class KeyboardUiTest {
    @TempDir
    Path dataDir;
    private final AtomicInteger accepted = new AtomicInteger();
    private Scene scene;
    private StackPane overlay;
    private TextField behindField;

    @Start
    void start(Stage stage) {
        behindField = new TextField();
        behindField.setId("behind-field");
        Button behindButton = new Button("Behind");
        VBox behind = new VBox(8, new Label("The window"), behindField, behindButton);

        Button accept = new Button("Trust and continue");
        accept.setId("accept");
        accept.setOnAction(e -> accepted.incrementAndGet());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        overlay = new StackPane(new VBox(8, new Label("Is this your appliance?"), new HBox(8, accept, cancel)));
        overlay.setId("overlay");
        overlay.setVisible(false);
        FocusTrap.install(overlay, behind, accept);

        scene = new Scene(new StackPane(behind, overlay), 400, 300);
        scene.getStylesheets().add(Navigator.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        behindField.requestFocus();
    }

    @Test
    void anOverlayTakesTheFocusKeepsTabInsideAndAnswersEnterAndSpace(FxRobot robot) {
        robot.interact(() -> overlay.setVisible(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#accept").query().isFocused()).as("the overlay has the focus").isTrue();

        for (int i = 0; i < 5; i++) {
            robot.type(KeyCode.TAB);
            assertThat(overlay.getChildrenUnmodifiable().getFirst().lookup(":focused")).as("Tab stays in the overlay").isNotNull();
        }
        assertThat(behindField.isDisabled()).isTrue();

        robot.interact(() -> robot.lookup("#accept").query().requestFocus());
        robot.type(KeyCode.SPACE);
        assertThat(accepted.get()).as("Space presses the focused button").isEqualTo(1);
        robot.type(KeyCode.ENTER);
        assertThat(accepted.get()).as("Enter presses the overlay's default button").isEqualTo(2);

        robot.interact(() -> overlay.setVisible(false));
        assertThat(behindField.isDisabled()).isFalse();
    }

    @Test
    void ctrlPlusMinusAndZeroZoomTheWholeWindowAndTheZoomIsRemembered(FxRobot robot) throws Exception {
        ClientSettings settings = ClientSettings.open(dataDir, Runnable::run);
        TextZoom zoom = new TextZoom(settings);
        robot.interact(() -> zoom.attach(scene));
        Label text = new Label("some text");
        robot.interact(() -> ((StackPane) scene.getRoot()).getChildren().add(text));
        double before = fontSize(robot, text);

        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(zoom.factorProperty().get()).isEqualTo(1.2);
        assertThat(fontSize(robot, text)).isCloseTo(before * 1.2, org.assertj.core.data.Offset.offset(0.2));

        robot.press(KeyCode.CONTROL).type(KeyCode.MINUS).release(KeyCode.CONTROL);
        assertThat(zoom.factorProperty().get()).isEqualTo(1.1);
        assertThat(Files.readString(dataDir.resolve(ClientSettings.FILE))).contains("text.zoom=1.1");
        assertThat(new TextZoom(ClientSettings.open(dataDir, Runnable::run)).factorProperty().get())
                .as("the next start").isEqualTo(1.1);

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        assertThat(zoom.factorProperty().get()).isEqualTo(1.0);
    }

    private static double fontSize(FxRobot robot, Label label) {
        double[] size = new double[1];
        robot.interact(() -> {
            label.applyCss();
            size[0] = label.getFont().getSize();
        });
        return size[0];
    }
}
