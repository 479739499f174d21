package org.lanchat.client.view;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.MessageItem;

/**
 * Keeps a conversation scrolled to its newest message while the user is reading there; once they scroll up
 * to read older ones, new messages no longer pull the view down but show a "New messages ↓" button that
 * goes back to the newest.
 */
final class NewestFollower {
    private final ListView<MessageItem> list;
    private final Button button = new Button(Texts.text("chat.newMessages"));
    private boolean following = true;
    /** {@link #keepAtNewest}, as the scene's post-layout listener (one instance, so that it can be removed). */
    private final Runnable afterLayout = this::keepAtNewest;

    NewestFollower(ListView<MessageItem> list) {
        this.list = list;
        button.setId("new-messages");
        button.getStyleClass().addAll("primary", "new-messages");
        button.setVisible(false);
        button.setFocusTraversable(false);
        button.setOnAction(e -> {
            following = true;
            button.setVisible(false);
            scrollToEnd();
        });
        ListChangeListener<MessageItem> added = c -> {
            while (c.next()) {
                if (!c.wasAdded()) {
                    continue;
                }
                if (following) {
                    scrollToEnd();
                } else if (c.getTo() == c.getList().size()) {
                    button.setVisible(true);
                }
            }
        };
        list.itemsProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removeListener(added);
            }
            if (now != null) {
                now.addListener(added);
            }
            following = true;
            button.setVisible(false);
            scrollToEnd();
        });
        ObservableList<MessageItem> items = list.getItems();
        if (items != null) {
            items.addListener(added);
        }
        // Filters, as the list's flow consumes what moves it; the position is read once it has moved.
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                following = false; // up, away from the newest
            }
            Platform.runLater(this::userMoved);
        });
        // A press may start dragging the scroll bar or paging up: let the user move, and decide on release.
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> following = false);
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> following = false);
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> Platform.runLater(this::userMoved));
        list.addEventFilter(KeyEvent.KEY_RELEASED, e -> Platform.runLater(this::userMoved));
        list.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(afterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(afterLayout);
            }
        });
        if (list.getScene() != null) {
            list.getScene().addPostLayoutPulseListener(afterLayout);
        }
    }

    /**
     * After every layout, while following: rows that grew after they were shown (a thumbnail or an avatar that
     * arrived, text wrapped anew in a narrower window, a history page measured at last) pushed the newest messages
     * below the fold after login, with nothing added to scroll for.
     */
    private void keepAtNewest() {
        if (following && list.getItems() != null && !list.getItems().isEmpty() && !atBottom()
                && list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.scrollTo(list.getItems().size() - 1);
        }
    }

    Button button() {
        return button;
    }

    /** The user was taken to an older message (a search hit): stay there, and let new messages show the button. */
    void stop() {
        following = false;
    }

    /** Whether new messages scroll the view (the user has not scrolled up). */
    boolean following() {
        return following;
    }

    private void userMoved() {
        following = atBottom();
        if (following) {
            button.setVisible(false);
        }
    }

    private boolean atBottom() {
        if (!(list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) || list.getItems().isEmpty()) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= list.getItems().size() - 1
                && last.getLayoutY() + last.getHeight() <= flow.getHeight() + 1;
    }

    /** Shows the newest row; the layout that follows corrects for rows measured only then ({@link #keepAtNewest}). */
    private void scrollToEnd() {
        if (list.getItems() == null || list.getItems().isEmpty()) {
            return;
        }
        list.scrollTo(list.getItems().size() - 1);
    }
}
