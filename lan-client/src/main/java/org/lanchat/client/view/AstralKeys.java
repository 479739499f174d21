package org.lanchat.client.view;

import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.input.KeyEvent;

/**
 * Gives back the high half of emoji typed through the keyboard (an emoji key, a compose sequence, a tool that
 * types) on Linux: JavaFX's GTK glass passes the typed character to Java as one 16-bit {@code jchar}
 * ({@code jchar key = gdk_keyval_to_unicode(event->keyval)} in {@code glass_window.cpp}, {@code process_key}),
 * so 😀 U+1F600 arrives as U+F600 and 👍 U+1F44D as U+F44D, and the text area stores a private-use character
 * that every font draws as a box. Text committed by an input method comes as whole strings and is not hit.
 *
 * <p>The lost bits cannot be read back, only inferred: nearly every emoji is in plane 1 (U+1F000 to U+1FAFF),
 * whose truncated forms are U+F000 to U+FAFF. U+F000 to U+F8FF is the private use area, which nobody types,
 * so it is always taken back to plane 1; U+F900 to U+FAFF are CJK compatibility ideographs, typed through an
 * input method rather than as key events, so there only those whose plane-1 partner is an emoji are.
 */
final class AstralKeys {
    private static final int FIRST_TRUNCATED = 0xF000;
    private static final int LAST_PRIVATE_USE = 0xF8FF;
    private static final int LAST_TRUNCATED = 0xFAFF;
    private static final int PLANE_1 = 0x10000;

    private AstralKeys() {
    }

    /** The character that was typed, given what arrived in a KEY_TYPED event. */
    static String repair(String typed) {
        if (typed == null || typed.length() != 1) {
            return typed;
        }
        char c = typed.charAt(0);
        if (c < FIRST_TRUNCATED || c > LAST_TRUNCATED) {
            return typed;
        }
        int astral = PLANE_1 + c;
        if (c <= LAST_PRIVATE_USE || Character.isEmoji(astral)) {
            return Character.toString(astral);
        }
        return typed;
    }

    /** Repairs every KEY_TYPED event on its way to {@code field} (and anything inside it). */
    static void install(Node field) {
        field.addEventFilter(KeyEvent.KEY_TYPED, new Filter());
    }

    private static final class Filter implements EventHandler<KeyEvent> {
        @Override
        public void handle(KeyEvent e) {
            String repaired = repair(e.getCharacter());
            if (repaired.equals(e.getCharacter())) {
                return;
            }
            e.consume();
            KeyEvent whole = new KeyEvent(e.getSource(), e.getTarget(), KeyEvent.KEY_TYPED, repaired, "",
                    e.getCode(), e.isShiftDown(), e.isControlDown(), e.isAltDown(), e.isMetaDown());
            ((Node) e.getTarget()).fireEvent(whole);
        }
    }
}
