package org.lanchat.client.view;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.ChatViewModel;
import org.lanchat.client.viewmodel.MessageItem;

/**
 * What a message's context menu does in the chat window (PROTOCOL.md §7.19): Reply makes the draft a reply and gives
 * it the focus; Edit asks for the new text; Delete asks first, Cancel by default, because everyone loses the message;
 * React adds or takes back the user's reaction. The view-model does the rest.
 */
final class MessageMenu implements MessageActions {
    private final ChatViewModel model;
    private final TextArea draft;

    MessageMenu(ChatViewModel model, TextArea draft) {
        this.model = model;
        this.draft = draft;
    }

    @Override
    public void reply(MessageItem message) {
        model.changes().replyTo(message);
        draft.requestFocus();
    }

    @Override
    public void edit(MessageItem message) {
        TextInputDialog ask = new TextInputDialog(message.text());
        ask.setTitle(Texts.text("message.edit.title"));
        ask.setHeaderText(Texts.text("message.edit.header"));
        ask.getDialogPane().getStylesheets().add(Navigator.STYLESHEET);
        ask.getEditor().setId("edit-text");
        ask.showAndWait().ifPresent(text -> model.changes().edit(message, text));
    }

    @Override
    public void delete(MessageItem message) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                Texts.text("message.delete.question"), ButtonType.OK,
                ButtonType.CANCEL);
        confirm.setHeaderText(Texts.text("message.delete.header"));
        Dialogs.cancelByDefault(confirm);
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.changes().delete(message));
    }

    @Override
    public void react(MessageItem message, String emoji) {
        model.changes().react(message, emoji);
    }

    @Override
    public boolean canEdit(MessageItem message) {
        return model.changes().canEdit(message);
    }

    @Override
    public boolean canDelete(MessageItem message) {
        return model.changes().canDelete(message);
    }

    @Override
    public boolean canReact(MessageItem message) {
        return model.changes().canReact(message);
    }
}
