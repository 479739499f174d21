package org.lanchat.client.view;

import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lanchat.client.viewmodel.HistoryViewModel;
import org.lanchat.client.viewmodel.MessageItem;

/** A conversation's whole history: older pages load when scrolled to the top; search; clear after confirming. */
final class HistoryView {
    static final ButtonType CLEAR = new ButtonType("Clear history", ButtonBar.ButtonData.OK_DONE);

    private final VBox root;

    HistoryView(HistoryViewModel model, EmojiImages emoji) {
        TextField search = new TextField();
        search.setId("history-search");
        search.setPromptText("Search this conversation");
        search.textProperty().bindBidirectional(model.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        Button older = new Button("Load older");
        older.setId("load-older");
        older.disableProperty().bind(model.hasMoreProperty().not().or(model.loadingProperty()));
        older.setOnAction(e -> model.loadOlder());
        Button clear = new Button("Clear history…");
        clear.setId("clear-history");
        clear.getStyleClass().add("danger-button");
        clear.setOnAction(e -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                    "Hide every message of this conversation sent so far? This affects only you: the others keep "
                            + "their history, and messages sent from now on still appear.",
                    CLEAR, ButtonType.CANCEL);
            confirm.setTitle("Clear history");
            confirm.setHeaderText(model.title());
            confirm.initOwner(clear.getScene().getWindow());
            confirm.getDialogPane().getStylesheets().add(Navigator.STYLESHEET);
            Optional<ButtonType> answer = confirm.showAndWait();
            if (answer.isPresent() && answer.get() == CLEAR) {
                model.clear();
            }
        });
        HBox tools = new HBox(8, search, older, clear);

        Label status = new Label();
        status.setId("history-status");
        status.getStyleClass().add("subtle");
        status.textProperty().bind(model.statusProperty());
        Label error = new Label();
        error.getStyleClass().add("error");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        ListView<MessageItem> list = new ListView<>(model.shown());
        list.setId("history-list");
        list.getStyleClass().add("messages");
        list.setCellFactory(new MessageCells(emoji, model::stickerEmoji, model::avatar, item -> { }));
        VBox.setVgrow(list, Priority.ALWAYS);
        // Scrolled to the top: fetch the next older page, and keep the view where it was.
        list.skinProperty().addListener((o, was, skin) -> Platform.runLater(() -> {
            for (var node : list.lookupAll(".scroll-bar")) {
                if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                    bar.valueProperty().addListener((ob, before, value) -> {
                        if (value.doubleValue() <= bar.getMin() && model.hasMoreProperty().get() && !model.loadingProperty().get()) {
                            model.loadOlder();
                        }
                    });
                }
            }
        }));
        int[] sizeBefore = {0};
        model.loadingProperty().addListener((o, was, loading) -> {
            if (loading) {
                sizeBefore[0] = model.shown().size();
            } else if (sizeBefore[0] == 0) {
                list.scrollTo(Math.max(0, model.shown().size() - 1));
            } else {
                list.scrollTo(Math.max(0, model.shown().size() - sizeBefore[0] - 1));
            }
        });

        root = new VBox(8, tools, status, error, list);
        root.setPadding(new Insets(10));
        root.getStyleClass().add("history");
    }

    Parent root() {
        return root;
    }
}
