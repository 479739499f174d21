package org.lanchat.client.view;

import java.util.List;
import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.RoomsViewModel;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;

/**
 * The rooms' dialogs: "Create room", "Browse rooms" and "Invite". Each stays open while the appliance answers and
 * shows its refusal (a taken name, an unknown user) in place, so nothing typed is lost; it closes once the room
 * action went through.
 */
final class RoomDialogs {
    private RoomDialogs() {
    }

    /**
     * "New room" and "Browse" under the conversation list; {@code afterwards} runs when their dialog closes (the
     * composer takes the focus, in the room just opened or where the user was).
     */
    static HBox buttons(RoomsViewModel rooms, Runnable afterwards) {
        Button create = opening("create-room", "rooms.create.button", "rooms.create.title", () -> create(rooms), afterwards);
        Button browse = opening("browse-rooms", "rooms.browse.button", "rooms.browse.title", () -> browse(rooms), afterwards);
        return new HBox(6, create, browse);
    }

    /** A button that opens a dialog and, once it closed, runs {@code afterwards}. */
    private static Button opening(String id, String textKey, String tooltipKey, Runnable dialog, Runnable afterwards) {
        Button button = new Button(Texts.text(textKey));
        button.setId(id);
        button.setTooltip(new Tooltip(Texts.text(tooltipKey)));
        button.setOnAction(e -> {
            dialog.run();
            afterwards.run();
        });
        button.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(button, Priority.ALWAYS);
        return button;
    }

    /** Name, topic and public or private; the new room opens in the window. */
    static void create(RoomsViewModel rooms) {
        TextField name = new TextField();
        name.setId("room-name");
        name.setPromptText(Texts.text("rooms.create.name"));
        TextField topic = new TextField();
        topic.setId("room-topic");
        topic.setPromptText(Texts.text("rooms.create.topic"));
        CheckBox privateRoom = new CheckBox(Texts.text("rooms.create.private"));
        privateRoom.setId("room-private");
        privateRoom.setWrapText(true);
        privateRoom.setMinHeight(Region.USE_PREF_SIZE);
        GridPane form = new GridPane(8, 8);
        form.addRow(0, fieldName(Texts.text("rooms.create.name")), name);
        form.addRow(1, fieldName(Texts.text("rooms.create.topic")), topic);
        form.add(privateRoom, 1, 2);
        Dialog<ButtonType> dialog = dialog("create-room-dialog", Texts.text("rooms.create.title"), form, rooms);
        ButtonType create = new ButtonType(Texts.text("rooms.create.ok"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(create, ButtonType.CANCEL);
        closeWhenDone(dialog, create, () -> rooms.create(name.getText(), topic.getText(), privateRoom.isSelected()));
        Platform.runLater(name::requestFocus);
        dialog.showAndWait();
    }

    /** The public rooms the user is not in, each with its topic and member count; "Join" opens the picked one. */
    static void browse(RoomsViewModel rooms) {
        rooms.refresh();
        ListView<RoomInfo> list = new ListView<>(rooms.open());
        list.setId("open-rooms");
        list.setPlaceholder(new Label(Texts.text("rooms.browse.none")));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RoomInfo room, boolean empty) {
                super.updateItem(room, empty);
                setText(empty || room == null ? null : Texts.text("rooms.browse.entry", room.name(),
                        room.topic() == null ? "" : room.topic(), room.members()));
            }
        });
        list.setPrefHeight(240);
        Dialog<ButtonType> dialog = dialog("browse-rooms-dialog", Texts.text("rooms.browse.title"), list, rooms);
        ButtonType join = new ButtonType(Texts.text("rooms.browse.join"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(join, ButtonType.CLOSE);
        dialog.getDialogPane().lookupButton(join).disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        closeWhenDone(dialog, join, () -> rooms.join(list.getSelectionModel().getSelectedItem()));
        dialog.showAndWait();
    }

    /**
     * A user to invite to the room on screen: picked from those online and not members yet, each listed by the name
     * shown everywhere else with the login beside it ("张伟 (zhangwei)"), or typed by login.
     */
    static void invite(RoomsViewModel rooms, ObservableList<String> online, java.util.function.UnaryOperator<String> shown) {
        TextField user = new TextField();
        user.setId("invite-user");
        user.setPromptText(Texts.text("rooms.invite.prompt"));
        List<String> candidates = online.stream()
                .filter(name -> rooms.members().stream().noneMatch(member -> member.equalsIgnoreCase(name))).toList();
        ListView<String> list = new ListView<>(javafx.collections.FXCollections.observableArrayList(candidates));
        list.setId("invite-candidates");
        list.setPrefHeight(180);
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                // The display name people know, with the login it puts in the field.
                String known = empty || name == null ? null : shown.apply(name);
                setText(known == null || known.equals(name) ? known : known + " (" + name + ")");
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                user.setText(now);
            }
        });
        Dialog<ButtonType> dialog = dialog("invite-dialog", Texts.text("rooms.invite.title"), new VBox(8, user, list),
                rooms);
        ButtonType invite = new ButtonType(Texts.text("rooms.invite.ok"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(invite, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(invite).disableProperty().bind(user.textProperty().isEmpty());
        closeWhenDone(dialog, invite, () -> rooms.invite(user.getText()));
        Platform.runLater(user::requestFocus);
        dialog.showAndWait();
    }

    /** The creator renames the room on screen and changes its topic; both fields start as they are now. */
    static void edit(RoomsViewModel rooms) {
        RoomInfo room = rooms.roomProperty().get();
        if (room == null) {
            return;
        }
        TextField name = new TextField(room.name());
        name.setId("edit-room-name");
        TextField topic = new TextField(room.topic() == null ? "" : room.topic());
        topic.setId("edit-room-topic");
        topic.setPromptText(Texts.text("rooms.edit.topicPrompt"));
        GridPane form = new GridPane(8, 8);
        form.addRow(0, fieldName(Texts.text("rooms.create.name")), name);
        form.addRow(1, fieldName(Texts.text("rooms.edit.topic")), topic);
        Dialog<ButtonType> dialog = dialog("edit-room-dialog", Texts.text("rooms.edit.title"), form, rooms);
        ButtonType save = new ButtonType(Texts.text("rooms.edit.ok"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);
        closeWhenDone(dialog, save, () -> rooms.update(name.getText(), topic.getText()));
        Platform.runLater(name::requestFocus);
        dialog.showAndWait();
    }

    /** Archiving cannot be undone (PROTOCOL.md §7.23), so it is asked first, Cancel being the default. */
    static void confirmArchive(RoomsViewModel rooms) {
        RoomInfo room = rooms.roomProperty().get();
        if (room != null && confirmed("archive-room-confirm", Texts.text("rooms.archive.header", room.name()),
                Texts.text("rooms.archive.question"), Texts.text("rooms.archive.ok"))) {
            rooms.archive();
        }
    }

    /** Removing someone is asked first: they lose the room's history at once (§7.23). */
    static void confirmRemove(RoomsViewModel rooms, String member) {
        RoomInfo room = rooms.roomProperty().get();
        if (member != null && room != null && confirmed("remove-member-confirm",
                Texts.text("rooms.remove.header", member, room.name()), Texts.text("rooms.remove.question"),
                Texts.text("rooms.remove.ok"))) {
            rooms.remove(member);
        }
    }

    private static boolean confirmed(String id, String header, String question, String action) {
        ButtonType doIt = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.Alert confirm = new javafx.scene.control.Alert(
                javafx.scene.control.Alert.AlertType.CONFIRMATION, question, doIt, ButtonType.CANCEL);
        confirm.getDialogPane().setId(id);
        confirm.setHeaderText(header);
        Dialogs.cancelByDefault(confirm);
        return confirm.showAndWait().filter(doIt::equals).isPresent();
    }

    /** A field's name beside it, never shortened to "Topic (o…" to make room for the field. */
    private static Label fieldName(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Dialog<ButtonType> dialog(String id, String title, Node content, RoomsViewModel rooms) {
        Label error = new Label();
        error.setId("room-error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(rooms.errorProperty());
        error.visibleProperty().bind(rooms.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        rooms.errorProperty().set("");
        VBox body = new VBox(10, content, error);
        body.setPadding(new Insets(4));
        body.setPrefWidth(440);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.getDialogPane().getStylesheets().add(Navigator.STYLESHEET);
        dialog.getDialogPane().setId(id);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.getDialogPane().setContent(body);
        return dialog;
    }

    /** The action's button asks the appliance and keeps the dialog open until it agreed. */
    private static void closeWhenDone(Dialog<ButtonType> dialog, ButtonType action,
            java.util.function.Supplier<java.util.concurrent.CompletableFuture<Boolean>> request) {
        Button button = (Button) dialog.getDialogPane().lookupButton(action);
        java.util.concurrent.atomic.AtomicBoolean asking = new java.util.concurrent.atomic.AtomicBoolean();
        button.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            e.consume();
            if (!asking.compareAndSet(false, true)) {
                return; // a second click while the appliance answers the first
            }
            request.get().thenAccept(done -> Platform.runLater(() -> {
                asking.set(false);
                if (done) {
                    dialog.setResult(action);
                    dialog.close();
                }
            }));
        });
    }
}
