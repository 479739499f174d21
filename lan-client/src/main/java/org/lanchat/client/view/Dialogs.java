package org.lanchat.client.view;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** What every confirmation of LAN Chat does alike. */
final class Dialogs {
    private static final double SENTENCE_WIDTH = 420;

    private Dialogs() {
    }

    /**
     * Makes Cancel the default button and gives it the focus, so that Enter (or a hurried Space) never does the
     * risky thing: clearing history, opening an address from someone else's message.
     */
    static void cancelByDefault(Alert alert) {
        DialogPane pane = alert.getDialogPane();
        pane.getStylesheets().add(Navigator.STYLESHEET);
        // The sentence says what will happen: a dialog sized by its buttons cut it off after one line.
        pane.setMinHeight(Region.USE_PREF_SIZE);
        if (pane.getContent() == null) {
            pane.setContent(sentence(alert.getContentText()));
        }
        Button cancel = null;
        for (ButtonType type : pane.getButtonTypes()) {
            if (pane.lookupButton(type) instanceof Button button) {
                boolean isCancel = type.getButtonData() == ButtonBar.ButtonData.CANCEL_CLOSE;
                button.setDefaultButton(isCancel);
                if (isCancel) {
                    cancel = button;
                }
            }
        }
        Button focus = cancel;
        if (focus != null) {
            alert.setOnShown(e -> Platform.runLater(focus::requestFocus));
        }
    }

    /** A sentence a dialog shows whole, wrapped at a readable width rather than cut off or stretching the dialog. */
    static Label sentence(String text) {
        Label sentence = new Label(text);
        sentence.setWrapText(true);
        sentence.setMinHeight(Region.USE_PREF_SIZE);
        sentence.setPrefWidth(SENTENCE_WIDTH);
        return sentence;
    }
}
