package org.lanchat.client.view;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Region;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.viewmodel.FilesViewModel;

/**
 * The three ways a file gets into the conversation on screen: the attach button beside the message field, dropping
 * files onto the conversation, and pasting (Ctrl+V) copied files or a copied picture into the message field.
 */
final class FileDrops {
    private static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination PASTE_INSERT = new KeyCodeCombination(KeyCode.INSERT, KeyCombination.SHIFT_DOWN);

    private FileDrops() {
    }

    /** The paper clip: opens the file dialog, and sends what was chosen. */
    static Button attachButton(FilesViewModel files, FileDialogs dialogs, EmojiImages emoji) {
        Button attach = new Button();
        // Drawn from the emoji set as the other picker buttons are: fonts seldom have the paper clip.
        emoji.catalog().find("\uD83D\uDCCE").ifPresentOrElse(e -> attach.setGraphic(emoji.view(e, 22)),
                () -> attach.setText("+"));
        attach.setId("attach");
        attach.getStyleClass().add("icon-button");
        attach.setTooltip(new Tooltip(Texts.text("files.attach.tooltip")));
        attach.setAccessibleText(Texts.text("files.attach.tooltip"));
        attach.setMinWidth(Region.USE_PREF_SIZE);
        attach.setOnAction(e -> {
            List<Path> chosen = dialogs.attach().apply(attach.getScene().getWindow());
            if (!chosen.isEmpty()) {
                files.send(chosen);
            }
        });
        return attach;
    }

    /** Files dropped on {@code conversation} and pasted into {@code draft} are sent. */
    static void install(FilesViewModel files, Node conversation, TextArea draft) {
        conversation.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        conversation.addEventHandler(DragEvent.DRAG_ENTERED, e -> {
            if (e.getDragboard().hasFiles()) {
                conversation.getStyleClass().add("drop-target");
            }
        });
        conversation.addEventHandler(DragEvent.DRAG_EXITED, e -> conversation.getStyleClass().remove("drop-target"));
        conversation.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            boolean dropped = e.getDragboard().hasFiles();
            if (dropped) {
                files.send(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(dropped);
            e.consume();
        });
        draft.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!PASTE.match(e) && !PASTE_INSERT.match(e)) {
                return;
            }
            List<Path> pasted;
            try {
                pasted = ClipboardFiles.of(Clipboard.getSystemClipboard(), Path.of(System.getProperty("java.io.tmpdir")));
            } catch (IOException failure) {
                files.pasteFailed(failure);
                e.consume();
                return;
            }
            if (!pasted.isEmpty()) {
                e.consume(); // files, not text: the field keeps what it had
                files.send(pasted);
            }
        });
    }
}
