package org.lanchat.client.view;

import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Text zoom for every window of the app: Ctrl+plus (or Ctrl+=) and Ctrl+minus in steps of 10 %, Ctrl+0 back to
 * 100 %. It sets the font size of each window's root; the stylesheet gives every other size in {@code em} of
 * it, and JavaFX's own controls size their padding in {@code em} too, so the whole window scales, not just its
 * text. The factor is kept in the user's settings and applies from the next start as well.
 */
final class TextZoom {
    static final double BASE_PX = 13;
    static final double MIN = 0.8;
    static final double MAX = 2.0;
    private static final double STEP = 0.1;
    static final String SETTING = "text.zoom";

    private final DoubleProperty factor = new SimpleDoubleProperty(1);
    private final ClientSettings settings;

    TextZoom(ClientSettings settings) {
        this.settings = settings;
        factor.set(clamp(settings.number(SETTING, 1)));
        factor.addListener((o, was, now) -> settings.put(SETTING, String.format(Locale.ROOT, "%.1f", now.doubleValue())));
    }

    DoubleProperty factorProperty() {
        return factor;
    }

    /** Applies the zoom to the scene's root, now and whenever the root changes, and listens for the keys. */
    void attach(Scene scene) {
        apply(scene.getRoot());
        scene.rootProperty().addListener((o, was, now) -> apply(now));
        factor.addListener((o, was, now) -> apply(scene.getRoot()));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            KeyCode code = e.getCode();
            if (code == KeyCode.PLUS || code == KeyCode.EQUALS || code == KeyCode.ADD) {
                step(+1);
            } else if (code == KeyCode.MINUS || code == KeyCode.SUBTRACT) {
                step(-1);
            } else if (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0) {
                factor.set(1);
            } else {
                return;
            }
            e.consume();
        });
    }

    private void step(int direction) {
        factor.set(clamp(Math.round((factor.get() + direction * STEP) * 10) / 10.0));
    }

    private void apply(Parent root) {
        if (root != null) {
            root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_PX * factor.get()));
        }
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 1 : Math.max(MIN, Math.min(MAX, value));
    }
}
