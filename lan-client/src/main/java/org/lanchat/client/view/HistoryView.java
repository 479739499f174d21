package org.lanchat.client.view;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.ListViewSkin;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.DisplayNames;
import org.lanchat.client.viewmodel.HistoryViewModel;
import org.lanchat.client.viewmodel.MessageItem;

/**
 * A conversation's whole history: older pages load when the top is in view (scrolled up, or the pages so far
 * do not fill the window); search over the whole conversation; clear after confirming.
 */
final class HistoryView {
    /** The confirmation's "Clear history" button; made with each window, in the language in use then. */
    final ButtonType clearButton = new ButtonType(Texts.text("history.clear"), ButtonBar.ButtonData.OK_DONE);

    private final VBox root;

    HistoryView(HistoryViewModel model, EmojiImages emoji, LinkOpener links) {
        this(model, emoji, links, null, null);
    }

    /**
     * @param names the chat window's display names (PROTOCOL.md §7.17), or null to show login names
     * @param files how files show (thumbnails, cards with Save), or null to show them by name
     */
    HistoryView(HistoryViewModel model, EmojiImages emoji, LinkOpener links, DisplayNames names, FileBodies files) {
        TextField search = new TextField();
        search.setId("history-search");
        search.setPromptText(Texts.text("history.search.prompt"));
        search.textProperty().bindBidirectional(model.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        Button older = new Button(Texts.text("history.loadOlder"));
        older.setId("load-older");
        older.disableProperty().bind(model.hasMoreProperty().not().or(model.loadingProperty()));
        older.setOnAction(e -> model.loadOlder());
        Button clear = new Button(Texts.text("history.clear.button"));
        clear.setId("clear-history");
        clear.getStyleClass().add("danger-button");
        clear.disableProperty().bind(model.loadingProperty());
        clear.setOnAction(e -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                    Texts.text("history.clear.question"),
                    clearButton, ButtonType.CANCEL);
            confirm.setTitle(Texts.text("history.clear"));
            confirm.setHeaderText(model.title());
            confirm.initOwner(clear.getScene().getWindow());
            Dialogs.cancelByDefault(confirm);
            Optional<ButtonType> answer = confirm.showAndWait();
            if (answer.isPresent() && answer.get() == clearButton) {
                model.clear();
            }
        });
        HBox tools = new HBox(8, search, older, clear);

        Label status = new Label();
        status.setId("history-status");
        status.getStyleClass().add("subtle");
        status.textProperty().bind(model.statusProperty());
        ProgressIndicator searching = new ProgressIndicator();
        searching.setId("history-searching");
        searching.setPrefSize(16, 16);
        searching.visibleProperty().bind(model.searchingProperty());
        searching.managedProperty().bind(searching.visibleProperty());
        HBox statusRow = new HBox(6, searching, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.getStyleClass().add("error");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        ListView<MessageItem> list = new ListView<>(model.shown());
        list.setId("history-list");
        list.getStyleClass().add("messages");
        MessageCells cells = new MessageCells(emoji, model::stickerEmoji, new AvatarImages(model::avatar), item -> { },
                model.searchProperty()::get, links, names == null ? java.util.function.Function.identity() : names::shown);
        if (files != null) {
            cells.showingFiles(files);
        }
        list.setCellFactory(cells);
        if (names != null) {
            // Senders of old pages may be users the chat window never met: learn their names as the rows arrive.
            model.shown().addListener((javafx.collections.ListChangeListener<MessageItem>) change -> names.meet(
                    model.shown().stream().map(MessageItem::from).filter(from -> from != null && !from.isEmpty())
                            .distinct().toList()));
            names.versionProperty().addListener((o, was, now) -> list.refresh());
        }
        MessageSelection.install(list, links);
        // While the view moves to where it should be after a page arrived, the list lays itself out once at
        // the old position, top in view: that is not the user reaching the top.
        boolean[] repositioning = {false};
        list.setSkin(new TopWatchingSkin(list, () -> {
            if (!repositioning[0]) {
                model.topReached();
            }
        }));
        VBox.setVgrow(list, Priority.ALWAYS);
        // A match found by the search opens where it is: the search ends, the whole conversation shows again,
        // scrolled to the message and with it selected.
        Runnable jump = () -> {
            MessageItem hit = list.getSelectionModel().getSelectedItem();
            String query = model.searchProperty().get();
            if (hit == null || query == null || query.isBlank()) {
                return;
            }
            model.searchProperty().set("");
            int at = model.shown().indexOf(hit);
            list.getSelectionModel().clearAndSelect(at);
            list.scrollTo(Math.max(0, at - 2));
            list.requestFocus();
        };
        list.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY && e.isStillSincePress() && !e.isShiftDown()
                    && !e.isShortcutDown()) {
                jump.run();
            }
        });
        list.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                jump.run();
            }
        });
        // A page arrived: the first one shows its newest message; an older one goes in above without moving
        // what the user is looking at.
        int[] sizeBefore = {0};
        model.loadingProperty().addListener((o, was, loading) -> {
            if (loading) {
                sizeBefore[0] = model.shown().size();
                return;
            }
            int target = sizeBefore[0] == 0 ? model.shown().size() - 1 : model.shown().size() - sizeBefore[0] - 1;
            repositioning[0] = true;
            try {
                list.scrollTo(Math.max(0, target));
            } finally {
                repositioning[0] = false;
            }
        });

        Label heading = new Label(model.conversation().isGroup() ? Texts.text("history.heading.group")
                : Texts.text("history.heading.peer", model.conversation().isRoom() ? model.conversation().value()
                        : model.conversation().peer()));
        heading.getStyleClass().add("title");
        root = new VBox(8, heading, tools, statusRow, error, list);
        root.setPadding(new Insets(14, 16, 16, 16));
        root.getStyleClass().add("history");
    }

    Parent root() {
        return root;
    }

    /**
     * The list's skin, telling when its first row is in view: after every layout of the rows, which follows
     * every scroll and every page that arrives (a page that does not fill the window leaves the first row in
     * view, and the next one loads). Watching the scroll bar alone is not enough: a list that does not
     * overflow has none to scroll.
     */
    private static final class TopWatchingSkin extends ListViewSkin<MessageItem> {
        TopWatchingSkin(ListView<MessageItem> list, Runnable atTop) {
            super(list);
            ((TopWatchingFlow) getVirtualFlow()).atTop = atTop;
        }

        @Override
        protected VirtualFlow<ListCell<MessageItem>> createVirtualFlow() {
            return new TopWatchingFlow();
        }
    }

    private static final class TopWatchingFlow extends VirtualFlow<ListCell<MessageItem>> {
        private Runnable atTop = () -> { };

        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            // Asked here, with the cells just laid out: a check deferred until later could see a page that
            // arrived meanwhile as still not filling the list, and load one more.
            ListCell<MessageItem> first = getFirstVisibleCellWithinViewport();
            if (getCellCount() == 0 || first != null && first.getIndex() == 0) {
                atTop.run();
            }
        }
    }
}
