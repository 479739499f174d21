package org.lanchat.client.view;

import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.stage.Popup;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.MentionSuggestions;
import org.lanchat.client.viewmodel.MentionSuggestions.Suggestion;

/**
 * The list that opens above the draft while a mention is typed ({@code @al…}): Up and Down choose, Enter or Tab
 * put {@code @login } in, Escape closes, and typing goes on filtering. The focus stays in the draft, so nothing
 * typed is lost; the chosen row is also the draft's accessible help, which a screen reader reads out.
 */
final class MentionPopup {
    private static final double ROW = 28;

    private final TextInputControl draft;
    private final MentionSuggestions model;
    private final Popup popup = new Popup();
    private final ListView<Suggestion> list;

    private MentionPopup(TextInputControl draft, MentionSuggestions model) {
        this.draft = draft;
        this.model = model;
        list = new ListView<>(model.suggestions());
        list.setId("mention-list");
        list.getStyleClass().add("mention-list");
        // Never the focus: the draft keeps it, and the popup passes on every key it does not use.
        list.setFocusTraversable(false);
        list.setAccessibleRole(AccessibleRole.LIST_VIEW);
        list.setAccessibleText(Texts.text("mentions.suggest.title"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Suggestion item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && list.getSelectionModel().getSelectedItem() != null) {
                accept();
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                draft.setAccessibleHelp(now == null ? null : now.label()));
        popup.getContent().add(list);
        popup.setAutoHide(true);
        popup.setOnHidden(e -> model.close());
    }

    /**
     * Completes mentions in {@code draft}; {@code keys} is a parent of the draft, whose key filter runs before the
     * draft's own (where Enter sends the message).
     */
    static void install(TextInputControl draft, Node keys, MentionSuggestions model) {
        MentionPopup mentions = new MentionPopup(draft, model);
        draft.textProperty().addListener((o, was, now) -> mentions.follow());
        draft.caretPositionProperty().addListener((o, was, now) -> mentions.follow());
        model.suggestions().addListener((ListChangeListener<Suggestion>) change -> mentions.showOrHide());
        keys.addEventFilter(KeyEvent.KEY_PRESSED, mentions::key);
    }

    private void follow() {
        model.update(draft.getText(), draft.getCaretPosition());
    }

    private void showOrHide() {
        if (model.suggestions().isEmpty()) {
            popup.hide();
            draft.setAccessibleHelp(null);
            return;
        }
        list.setPrefHeight(Math.min(model.suggestions().size(), 8) * ROW + 4);
        if (list.getSelectionModel().getSelectedIndex() < 0) {
            list.getSelectionModel().selectFirst();
        }
        if (!popup.isShowing() && draft.getScene() != null && draft.getScene().getWindow() != null) {
            Bounds at = draft.localToScreen(draft.getBoundsInLocal());
            popup.show(draft, at.getMinX(), at.getMinY() - list.getPrefHeight() - 4);
        }
    }

    private void key(KeyEvent e) {
        if (!popup.isShowing() || e.getTarget() != draft) {
            return;
        }
        switch (e.getCode()) {
            case UP -> move(-1);
            case DOWN -> move(1);
            case ENTER, TAB -> accept();
            case ESCAPE -> popup.hide();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void move(int by) {
        int size = model.suggestions().size();
        int next = Math.floorMod(list.getSelectionModel().getSelectedIndex() + by, size);
        list.getSelectionModel().select(next);
        list.scrollTo(next);
    }

    private void accept() {
        Suggestion chosen = list.getSelectionModel().getSelectedItem();
        if (chosen == null) {
            return;
        }
        MentionSuggestions.Completion done = model.accept(draft.getText(), chosen);
        popup.hide();
        draft.setText(done.text());
        draft.positionCaret(done.caret());
        draft.requestFocus();
    }
}
