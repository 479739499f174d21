package org.lanchat.client.view;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.SearchResult;
import org.lanchat.client.viewmodel.SearchViewModel;

/**
 * The search box over the conversation list and the results that take the list's place while it has text
 * (PROTOCOL.md §7.22). Ctrl+F or Ctrl+K goes to the box; Down goes on to the results; Enter (or a click) opens a
 * result; Escape empties the box and goes back to the conversations. Reaching the last result loads the next page.
 */
final class SearchPane {
    private static final List<KeyCombination> FOCUS_KEYS = List.of(
            new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN));

    private final SearchViewModel model;
    private final TextField field = new TextField();
    private final ListView<SearchResult> list;
    private final VBox results;

    /** @param back where Escape goes (the conversation list) */
    SearchPane(SearchViewModel model, EmojiImages emoji, Node back) {
        this.model = model;
        field.setId("search");
        field.getStyleClass().add("search-field");
        field.setPromptText(Texts.text("search.prompt"));
        field.setAccessibleText(Texts.text("search.prompt"));
        // A longer text is refused rather than cut: the user sees the box stop taking keys.
        field.setTextFormatter(new TextFormatter<String>(change ->
                change.getControlNewText().length() <= SearchViewModel.MAX_QUERY_CHARS ? change : null));
        field.textProperty().bindBidirectional(model.queryProperty());

        list = new ListView<>(model.results());
        list.setId("search-results");
        list.getStyleClass().add("side-list");
        list.setCellFactory(v -> new ResultCell(model, emoji));
        VBox.setVgrow(list, Priority.ALWAYS);

        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("search-progress");
        progress.setPrefSize(16, 16);
        progress.setMinSize(16, 16);
        progress.visibleProperty().bind(model.searchingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label status = new Label();
        status.setId("search-status");
        status.setWrapText(true);
        status.textProperty().bind(Bindings.when(model.searchingProperty()).then(Texts.text("search.searching"))
                .otherwise(model.statusProperty()));
        HBox statusRow = new HBox(6, progress, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        statusRow.visibleProperty().bind(model.searchingProperty().or(model.statusProperty().isNotEmpty()));
        statusRow.managedProperty().bind(statusRow.visibleProperty());

        Button more = new Button(Texts.text("search.loadMore"));
        more.setId("search-more");
        more.setMaxWidth(Double.MAX_VALUE);
        more.visibleProperty().bind(model.hasMoreProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.disableProperty().bind(model.searchingProperty());
        more.setOnAction(e -> model.loadMore());

        results = new VBox(6, statusRow, list, more);
        results.setId("search-pane");
        VBox.setVgrow(results, Priority.ALWAYS);
        results.visibleProperty().bind(model.activeProperty());
        results.managedProperty().bind(results.visibleProperty());

        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case ESCAPE -> {
                    leave(back);
                    e.consume();
                }
                case DOWN -> {
                    if (!list.getItems().isEmpty()) {
                        list.requestFocus();
                        list.getSelectionModel().clearAndSelect(0);
                        e.consume();
                    }
                }
                case ENTER -> {
                    // Enter in the box opens the result chosen, or the newest one: type, Enter, read.
                    if (!list.getItems().isEmpty()) {
                        open(list.getSelectionModel().getSelectedItem() != null
                                ? list.getSelectionModel().getSelectedItem() : list.getItems().getFirst());
                        e.consume();
                    }
                }
                default -> { }
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case ESCAPE -> {
                    leave(back);
                    e.consume();
                }
                case ENTER -> {
                    if (list.getSelectionModel().getSelectedItem() != null) {
                        open(list.getSelectionModel().getSelectedItem());
                        e.consume();
                    }
                }
                case UP -> {
                    if (list.getSelectionModel().getSelectedIndex() <= 0) {
                        field.requestFocus();
                        field.end();
                        e.consume();
                    }
                }
                default -> { }
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()
                    && list.getSelectionModel().getSelectedItem() != null) {
                open(list.getSelectionModel().getSelectedItem());
            }
        });
        // Moving onto the last result asks for the next page, so the keyboard pages on as "Load more" does.
        list.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (now.intValue() >= 0 && now.intValue() == list.getItems().size() - 1) {
                model.loadMore();
            }
        });
        // The first page of a new query: nothing chosen yet, so Enter in the box opens the newest.
        model.results().addListener((ListChangeListener<SearchResult>) c -> {
            if (model.results().isEmpty()) {
                list.getSelectionModel().clearSelection();
            }
        });
    }

    /** The box, for the top of the sidebar. */
    TextField field() {
        return field;
    }

    /** The results with their status line and "Load more", shown while the box has text. */
    VBox results() {
        return results;
    }

    /** Hides {@code nodes} (the conversation list and what goes with it) while the results are shown. */
    void replacing(Node... nodes) {
        for (Node node : nodes) {
            node.visibleProperty().bind(model.activeProperty().not());
            node.managedProperty().bind(node.visibleProperty());
        }
    }

    /** Ctrl+F and Ctrl+K anywhere in the window go to the box, its text selected to type over. */
    void focusKeys(Node window) {
        window.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (FOCUS_KEYS.stream().anyMatch(keys -> keys.match(e))) {
                field.requestFocus();
                field.selectAll();
                e.consume();
            }
        });
    }

    private void open(SearchResult result) {
        model.open(result);
    }

    private void leave(Node back) {
        model.clear();
        back.requestFocus();
    }

    /** Where (conversation) and when on the first line; who said it and the snippet, the match emphasised, below. */
    private static final class ResultCell extends ListCell<SearchResult> {
        private final SearchViewModel model;
        private final EmojiImages emoji;

        ResultCell(SearchViewModel model, EmojiImages emoji) {
            this.model = model;
            this.emoji = emoji;
            // The cell takes the list's width and no more: a long snippet wraps instead of scrolling sideways.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(SearchResult item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            Label where = new Label(model.where(item));
            where.getStyleClass().add("conversation-name");
            where.setMinWidth(0);
            Region space = new Region();
            HBox.setHgrow(space, Priority.ALWAYS);
            Label time = new Label(item.time());
            time.getStyleClass().add("subtle");
            time.setMinWidth(Region.USE_PREF_SIZE);
            HBox top = new HBox(6, where, space, time);
            top.setAlignment(Pos.CENTER_LEFT);
            Text who = new Text(Texts.text("search.result.who", model.who(item)));
            who.getStyleClass().add("preview");
            // Emoji as pictures and the matches marked, as the History window shows its search.
            TextFlow snippet = emoji.flow(item.snippet(), 15, "search-snippet", item.query());
            snippet.getChildren().addFirst(who);
            snippet.setMinWidth(0);
            VBox row = new VBox(2, top, snippet);
            row.setMinWidth(0);
            setGraphic(row);
            setAccessibleText(Texts.text("search.result.accessible", model.where(item), model.who(item), item.time(),
                    item.snippet()));
            setTooltip(new Tooltip(item.snippet()));
        }
    }
}
