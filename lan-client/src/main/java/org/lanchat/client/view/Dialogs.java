package org.lanchat.client.view;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;

/** What every confirmation of LAN Chat does alike. */
final class Dialogs {
    private Dialogs() {
    }

    /**
     * Makes Cancel the default button and gives it the focus, so that Enter (or a hurried Space) never does the
     * risky thing: clearing history, opening an address from someone else's message.
     */
    static void cancelByDefault(Alert alert) {
        DialogPane pane = alert.getDialogPane();
        pane.getStylesheets().add(Navigator.STYLESHEET);
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
}
