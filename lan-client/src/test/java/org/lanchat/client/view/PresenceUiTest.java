package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.emoji.EmojiCatalog;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.PresenceState;
import org.lanchat.protocol.message.ProfileMessage.UserState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Presence states in the chat window (PROTOCOL.md §7.20): choosing Busy, and a peer's dot and status text. */
@ExtendWith(ApplicationExtension.class)
class PresenceUiTest {
    private static final EmojiImages EMOJI = new EmojiImages(EmojiCatalog.load());
    private final FakeChatService client = new FakeChatService();
    private ChatViewModel model;

    @Start
    void start(Stage stage) {
        model = new ChatViewModel(client, Platform::runLater, ZoneOffset.UTC);
        client.loggedInAs("alice");
        ChatView view = new ChatView(model, EMOJI, () -> { }, () -> { }, new LinkOpener(url -> { }));
        Scene scene = new Scene(view.root(), 1100, 640);
        scene.getStylesheets().add(Navigator.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    private void fire(ClientEvent event) {
        client.fire(event);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void choosingBusySendsItAndSilencesAttention(FxRobot robot) {
        ComboBox<?> state = robot.lookup("#presence-state").queryAs(ComboBox.class);
        robot.clickOn(state);
        robot.clickOn(PresenceViewModelNames.BUSY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(client.presenceSet).containsExactly("busy");
        assertThat(model.presence().doNotDisturbProperty().get()).isTrue();
    }

    @Test
    void aPeersDotAndStatusTextShowInTheRosterAndTheConversationHeader(FxRobot robot) {
        fire(new ClientEvent.RosterChanged(List.of("alice", "bob"), 2, List.of("bob"), List.of()));
        fire(new ClientEvent.PresenceStateChanged("bob", UserState.of(PresenceState.BUSY, "Release day")));

        ListView<?> roster = robot.lookup("#roster").queryAs(ListView.class);
        Node bobCell = robot.from(roster).lookup(".list-cell").match(cell -> cell instanceof javafx.scene.control.ListCell<?> c
                && c.getText() != null && c.getText().startsWith("bob")).query();
        assertThat(((javafx.scene.control.ListCell<?>) bobCell).getText()).isEqualTo("bob \u2013 Release day");
        assertThat(robot.from(bobCell).lookup(".presence-busy").queryAs(Circle.class)).isNotNull();

        Platform.runLater(() -> model.openPrivate("bob"));
        WaitForAsyncUtils.waitForFxEvents();
        Label header = robot.lookup("#conversation-presence").queryAs(Label.class);
        assertThat(header.isVisible()).isTrue();
        assertThat(header.getText()).isEqualTo("Release day");
        assertThat(header.getGraphic().getStyleClass()).contains("presence-busy");

        fire(new ClientEvent.RosterChanged(List.of("alice"), 1, List.of(), List.of("bob")));
        assertThat(header.isVisible()).as("offline is offline").isFalse();
        assertThat(model.selectedProperty().get().conversation()).isEqualTo(Conversation.with("bob"));
    }

    /** The selector's texts, from the bundle as the user sees them. */
    private static final class PresenceViewModelNames {
        static final String BUSY = org.lanchat.client.viewmodel.PresenceViewModel.stateName(PresenceState.BUSY);
    }
}
