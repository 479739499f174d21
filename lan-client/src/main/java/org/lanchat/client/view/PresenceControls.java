package org.lanchat.client.view;

import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.client.viewmodel.ConversationItem;
import org.lanchat.client.viewmodel.PresenceViewModel;
import org.lanchat.protocol.message.PresenceState;

/**
 * Presence states on screen (PROTOCOL.md §7.20): the selector of the user's own state and status text, and the
 * coloured dot and status text shown beside other users' names in the roster and the conversation header. The
 * dot's colour comes from the style sheet ({@code presence-available}, {@code -away}, {@code -busy}).
 */
final class PresenceControls {
    private static final double DOT = 9;

    private PresenceControls() {
    }

    /** The state selector, the status text field and the minutes before automatic away, for the header. */
    static Node selector(PresenceViewModel model) {
        ComboBox<PresenceState> state = new ComboBox<>(FXCollections.observableArrayList(PresenceState.values()));
        state.setId("presence-state");
        state.setTooltip(new Tooltip(Texts.text("presence.selector.tooltip")));
        state.setCellFactory(v -> new StateCell());
        state.setButtonCell(new StateCell());
        state.setValue(model.stateProperty().get());
        // Announcements (another device, the idle timer) move the selector; only the user's pick is sent.
        model.stateProperty().addListener((o, was, now) -> state.setValue(now));
        state.setOnAction(e -> {
            PresenceState picked = state.getValue();
            if (picked != null && picked != model.stateProperty().get()) {
                model.choose(picked);
            }
        });
        TextField text = new TextField();
        text.setId("presence-text");
        text.setPromptText(Texts.text("presence.text.prompt"));
        text.setPrefColumnCount(11);
        text.textProperty().bindBidirectional(model.statusTextProperty());
        text.setOnAction(e -> model.publishText());
        Tooltip error = new Tooltip();
        error.textProperty().bind(model.errorProperty());
        text.tooltipProperty().bind(Bindings.when(model.errorProperty().isEmpty())
                .then(new Tooltip(Texts.text("presence.text.tooltip"))).otherwise(error));
        Spinner<Integer> awayAfter = new Spinner<>(0, 240, (int) model.awayAfterMinutesProperty().get(), 5);
        awayAfter.setId("presence-away-after");
        awayAfter.setPrefWidth(72);
        awayAfter.setEditable(true);
        awayAfter.setTooltip(new Tooltip(Texts.text("presence.awayAfter.tooltip")));
        awayAfter.valueProperty().addListener((o, was, now) -> model.awayAfterMinutesProperty().set(now));
        model.awayAfterMinutesProperty().addListener((o, was, now) -> awayAfter.getValueFactory().setValue(now.intValue()));
        HBox box = new HBox(6, state, text, awayAfter);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** {@code avatar} with the user's state dot on its lower right corner, as a roster cell's graphic. */
    static Node withDot(Node avatar, PresenceViewModel model, String username) {
        Circle dot = dot(model, username);
        StackPane stack = new StackPane(avatar, dot);
        StackPane.setAlignment(dot, Pos.BOTTOM_RIGHT);
        return stack;
    }

    /** A roster line: the name as shown, then the user's status text (or state) after a dash, when they have one. */
    static String line(String shown, PresenceViewModel model, String username) {
        String caption = model.caption(username);
        return caption.isEmpty() ? shown : Texts.text("presence.roster.line", shown, caption);
    }

    /**
     * Beside the conversation title: the dot and status text of the other member of the private conversation on
     * screen; nothing for the group or a member offline.
     */
    static Node header(ChatViewModel chat) {
        PresenceViewModel model = chat.presence();
        Circle dot = new Circle(DOT / 2);
        Label caption = new Label();
        caption.setId("conversation-presence");
        caption.getStyleClass().add("subtle");
        caption.setGraphic(dot);
        Supplier<String> peer = () -> {
            ConversationItem item = chat.selectedProperty().get();
            return item == null || !item.conversation().isPrivate() ? null : item.conversation().peer();
        };
        Runnable update = () -> {
            String user = peer.get();
            boolean online = user != null && chat.online().stream().anyMatch(user::equalsIgnoreCase);
            caption.setVisible(online);
            caption.setManaged(online);
            if (online) {
                PresenceState state = model.of(user).presenceState();
                style(dot, state);
                String text = model.caption(user);
                caption.setText(text.isEmpty() ? PresenceViewModel.stateName(state) : text);
            }
        };
        chat.selectedProperty().addListener((o, was, now) -> update.run());
        model.versionProperty().addListener((o, was, now) -> update.run());
        chat.online().addListener((javafx.collections.ListChangeListener<String>) c -> update.run());
        update.run();
        return caption;
    }

    private static Circle dot(PresenceViewModel model, String username) {
        Circle dot = new Circle(DOT / 2);
        PresenceState state = model.of(username).presenceState();
        style(dot, state);
        Tooltip.install(dot, new Tooltip(PresenceViewModel.stateName(state)));
        return dot;
    }

    private static void style(Circle dot, PresenceState state) {
        dot.getStyleClass().setAll("presence-dot", "presence-" + state.wireName());
    }

    private static final class StateCell extends ListCell<PresenceState> {
        @Override
        protected void updateItem(PresenceState state, boolean empty) {
            super.updateItem(state, empty);
            if (empty || state == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(PresenceViewModel.stateName(state));
            Circle dot = new Circle(DOT / 2);
            style(dot, state);
            setGraphic(dot);
        }
    }
}
