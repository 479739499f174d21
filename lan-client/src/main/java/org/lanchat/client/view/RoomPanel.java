package org.lanchat.client.view;

import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.DisplayNames;
import org.lanchat.client.viewmodel.RoomsViewModel;

/**
 * The members of the room on screen, beside its messages: invite anyone (every member may), remove a member (the
 * creator only, so the button is there only for them), and leave. Hidden while the group or a private conversation
 * is on screen.
 */
final class RoomPanel {
    private final VBox root;

    RoomPanel(RoomsViewModel rooms, DisplayNames names, ObservableList<String> online) {
        Label title = new Label();
        title.getStyleClass().add("section");
        title.textProperty().bind(Bindings.createStringBinding(
                () -> Texts.text("rooms.members.title", rooms.members().size()), rooms.members()));
        ListView<String> members = new ListView<>(rooms.members());
        members.setId("room-members");
        members.getStyleClass().add("side-list");
        members.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                if (empty || name == null) {
                    setText(null);
                    return;
                }
                String shown = names.shown(name);
                setText(name.equalsIgnoreCase(rooms.creatorProperty().get()) ? Texts.text("rooms.members.creator", shown)
                        : shown);
            }
        });
        rooms.creatorProperty().addListener((o, was, now) -> members.refresh());
        VBox.setVgrow(members, Priority.ALWAYS);

        Button invite = new Button(Texts.text("rooms.invite.button"));
        invite.setId("room-invite");
        invite.setTooltip(new Tooltip(Texts.text("rooms.invite.tooltip")));
        invite.setOnAction(e -> RoomDialogs.invite(rooms, online, names::shown));
        Button remove = new Button(Texts.text("rooms.remove.button"));
        remove.setId("room-remove");
        remove.setTooltip(new Tooltip(Texts.text("rooms.remove.tooltip")));
        remove.visibleProperty().bind(rooms.managingProperty());
        remove.managedProperty().bind(remove.visibleProperty());
        // Not the creator themselves: a creator leaves instead.
        remove.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            String picked = members.getSelectionModel().getSelectedItem();
            return picked == null || picked.equalsIgnoreCase(rooms.creatorProperty().get());
        }, members.getSelectionModel().selectedItemProperty(), rooms.creatorProperty()));
        remove.setOnAction(e -> RoomDialogs.confirmRemove(rooms, members.getSelectionModel().getSelectedItem()));
        Button edit = managing("room-edit", "rooms.edit.button", "rooms.edit.tooltip", rooms);
        edit.setOnAction(e -> RoomDialogs.edit(rooms));
        Button archive = managing("room-archive", "rooms.archive.button", "rooms.archive.tooltip", rooms);
        archive.setOnAction(e -> RoomDialogs.confirmArchive(rooms));
        Button leave = new Button(Texts.text("rooms.leave.button"));
        leave.setId("room-leave");
        leave.setOnAction(e -> {
            if (rooms.shownProperty().get() != null) {
                rooms.leave(rooms.shownProperty().get());
            }
        });
        HBox actions = new HBox(6, invite, remove);
        HBox managing = new HBox(6, edit, archive);
        managing.visibleProperty().bind(rooms.editableProperty());
        managing.managedProperty().bind(managing.visibleProperty());
        Label error = new Label();
        error.setId("room-panel-error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(rooms.errorProperty());
        error.visibleProperty().bind(rooms.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        root = new VBox(6, title, members, actions, managing, leave, error);
        root.setId("room-panel");
        root.getStyleClass().add("sidebar");
        root.setPadding(new Insets(10, 8, 8, 8));
        root.setPrefWidth(200);
        root.setMinWidth(160);
        root.visibleProperty().bind(rooms.shownProperty().isNotNull());
        root.managedProperty().bind(root.visibleProperty());
    }

    VBox root() {
        return root;
    }

    /** A button for the room's creator only (rename, archive): shown while they may use it. */
    private static Button managing(String id, String textKey, String tooltipKey, RoomsViewModel rooms) {
        Button button = new Button(Texts.text(textKey));
        button.setId(id);
        button.setTooltip(new Tooltip(Texts.text(tooltipKey)));
        button.visibleProperty().bind(rooms.editableProperty());
        button.managedProperty().bind(button.visibleProperty());
        return button;
    }

    /**
     * What happened to the user's rooms unasked (removed, archived), above the conversation: a removed user's room has
     * left the list, so this line is what says why. A click dismisses it.
     */
    static Label notice(RoomsViewModel rooms) {
        Label notice = new Label();
        notice.setId("room-notice");
        notice.getStyleClass().addAll("notice", "room-notice");
        notice.setWrapText(true);
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.setTooltip(new Tooltip(Texts.text("rooms.notice.dismiss")));
        notice.textProperty().bind(rooms.noticeProperty());
        notice.visibleProperty().bind(rooms.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        notice.setOnMouseClicked(e -> rooms.dismissNotice());
        return notice;
    }
}
