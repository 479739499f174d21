package org.lanchat.client.view;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
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
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> Platform.runLater(this::userMoved));
        list.addEventFilter(KeyEvent.KEY_RELEASED, e -> Platform.runLater(this::userMoved));
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

    /**
     * Shows the newest row, all of it. Rows differ in height and the list only estimates those it has not
     * drawn yet, so after the next layout (when the new rows have been measured) it scrolls once more.
     */
    private void scrollToEnd() {
        if (list.getItems() == null || list.getItems().isEmpty()) {
            return;
        }
        list.scrollTo(list.getItems().size() - 1);
        Scene scene = list.getScene();
        if (scene == null) {
            return;
        }
        boolean[] done = {false};
        Runnable[] again = new Runnable[1];
        again[0] = () -> {
            if (done[0] || !following) {
                return;
            }
            done[0] = true;
            if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && !list.getItems().isEmpty()) {
                flow.scrollTo(list.getItems().size() - 1);
            }
            // Not from inside the pulse that is running the listeners.
            Platform.runLater(() -> scene.removePostLayoutPulseListener(again[0]));
        };
        scene.addPostLayoutPulseListener(again[0]);
    }
}
