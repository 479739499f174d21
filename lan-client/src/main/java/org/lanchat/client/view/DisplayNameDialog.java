package org.lanchat.client.view;

import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.VBox;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.ChatViewModel;

/**
 * The header's "Name…": the user's display name (PROTOCOL.md §7.17), asked for until the appliance takes it or the
 * user cancels.
 */
final class DisplayNameDialog {
    private DisplayNameDialog() {
    }

    /** Asks with the current display name filled in. */
    static void ask(ChatViewModel model) {
        ask(model, model.displayNames().displayName(model.meProperty().get()).orElse(""), "");
    }

    /**
     * Asks for the user's display name, {@code typed} filled in; an empty answer clears it. A name the appliance refuses
     * brings the dialog back with what was typed and why ({@code refusal}), so that one character can be mended.
     */
    private static void ask(ChatViewModel model, String typed, String refusal) {
        TextInputDialog dialog = new TextInputDialog(typed);
        dialog.getDialogPane().getStylesheets().add(Navigator.STYLESHEET);
        dialog.getDialogPane().setId("display-name-dialog");
        dialog.setTitle(Texts.text("chat.displayName.title"));
        dialog.setHeaderText(Texts.text("chat.displayName.header", model.meProperty().get()));
        dialog.setContentText(Texts.text("chat.displayName.label"));
        if (!refusal.isEmpty()) {
            Label why = Dialogs.sentence(refusal);
            why.setId("display-name-refusal");
            why.getStyleClass().add("error");
            dialog.getDialogPane().setContent(new VBox(8, dialog.getDialogPane().getContent(), why));
        }
        dialog.showAndWait().ifPresent(name -> model.setDisplayName(name).thenAccept(stored -> {
            if (!stored) {
                ask(model, name, model.errorProperty().get());
            }
        }));
    }
}
