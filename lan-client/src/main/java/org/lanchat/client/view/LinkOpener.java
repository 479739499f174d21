package org.lanchat.client.view;

import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;
import org.lanchat.client.i18n.Texts;

/**
 * Opens a web address from a message in the browser, after showing the whole address and asking: the text of
 * a link is the address itself here, but a long one is cut in the row, and it came from someone else.
 */
final class LinkOpener {
    // Made with each opener, not once per class: its text is in the language in use when the window is built.
    private final ButtonType open = new ButtonType(Texts.text("link.openInBrowser"), ButtonBar.ButtonData.OK_DONE);
    private final Consumer<String> browser;

    /** @param browser opens an address in the system's browser (the app's host services) */
    LinkOpener(Consumer<String> browser) {
        this.browser = browser;
    }

    void ask(Window owner, String address) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "", open, ButtonType.CANCEL);
        confirm.setTitle(Texts.text("link.title"));
        confirm.setHeaderText(Texts.text("link.header"));
        Label full = new Label(address);
        full.setId("link-address");
        full.setWrapText(true);
        full.getStyleClass().add("link-address");
        confirm.getDialogPane().setContent(full);
        confirm.getDialogPane().setPrefWidth(480);
        if (owner != null) {
            confirm.initOwner(owner);
        }
        Dialogs.cancelByDefault(confirm);
        confirm.setOnHidden(e -> {
            if (confirm.getResult() == open) {
                browser.accept(address);
            }
        });
        confirm.show();
    }
}
