package org.lanchat.client.view;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Control;

/**
 * Makes an overlay drawn over a window (the first-contact prompt, the diagnostics) behave like a dialog: while
 * it shows, what is behind it is disabled, so Tab cycles through the overlay's controls only and no shortcut
 * reaches the window behind; it takes the focus when it appears, so Enter and Space work at once; its default
 * button answers Enter.
 */
final class FocusTrap {
    private FocusTrap() {
    }

    /**
     * @param overlay  the overlay, shown through its {@code visible} property
     * @param behind   what it covers
     * @param primary  the button Enter presses while the overlay shows
     */
    static void install(Parent overlay, Node behind, Button primary) {
        overlay.visibleProperty().addListener((o, was, shown) -> {
            behind.setDisable(shown);
            if (primary != null) {
                primary.setDefaultButton(shown);
            }
            if (shown) {
                // After the layout that shows it: a node that is not yet laid out does not take the focus.
                Platform.runLater(() -> firstFocusable(overlay).ifPresent(Node::requestFocus));
            }
        });
    }

    private static java.util.Optional<Node> firstFocusable(Parent parent) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (!child.isVisible() || child.isDisabled()) {
                continue;
            }
            if (child instanceof Control control && control.isFocusTraversable()) {
                return java.util.Optional.of(control);
            }
            if (child instanceof Parent inner) {
                java.util.Optional<Node> found = firstFocusable(inner);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return java.util.Optional.empty();
    }
}
