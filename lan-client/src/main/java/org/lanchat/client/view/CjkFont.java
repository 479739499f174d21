package org.lanchat.client.view;

import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chinese drawn with real glyphs. LAN Chat bundles no CJK font (one is 15-20 MB, more than the rest of the app):
 * Windows and macOS always have one, and Linux has {@code fonts-noto-cjk} or {@code fonts-wqy-microhei} to install.
 * But an installed font is not enough on Linux: JavaFX's "System" font takes only a few of fontconfig's fallbacks
 * (on Debian with Noto CJK installed, DejaVu and nothing that covers Chinese), so every Chinese character comes out
 * as the same empty box. At start the app therefore checks what JavaFX really draws, and when the system font
 * cannot draw Chinese it uses an installed family that can, for every window; with none, the log says what to
 * install.
 *
 * <p>"Can draw" is decided by drawing: JavaFX has no public "does this font cover this character" call, and two
 * different characters that come out as the same picture are two missing-glyph boxes.
 */
final class CjkFont {
    private static final Logger log = LoggerFactory.getLogger(CjkFont.class);
    /** Families that draw Simplified Chinese well, the most common first; any other that draws it comes after. */
    private static final List<String> PREFERRED = List.of("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN",
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans SC", "Droid Sans Fallback", "AR PL UMing CN");
    private static Boolean drawsChinese; // guarded by CjkFont.class; null until checked

    private CjkFont() {
    }

    /**
     * Makes every window draw Chinese if an installed font can, and answers whether one can. Checked once per run,
     * on the FX thread, before the first window is built; later calls answer the same.
     */
    static synchronized boolean ensure() {
        if (drawsChinese == null) {
            drawsChinese = drawable(Font.getDefault()) || replacement().map(family -> {
                log.info("The system font cannot draw Chinese; using {}", family);
                useEverywhere(family);
                return true;
            }).orElseGet(() -> {
                log.warn("No installed font draws Chinese: such messages show as empty boxes. Install one "
                        + "(fonts-noto-cjk or fonts-wqy-microhei on Linux) and restart LAN Chat.");
                return false;
            });
        }
        return drawsChinese;
    }

    private static Optional<String> replacement() {
        List<String> installed = Font.getFamilies();
        return Stream.concat(PREFERRED.stream().filter(installed::contains), installed.stream())
                .filter(f -> drawable(Font.font(f, Font.getDefault().getSize())))
                .findFirst();
    }

    /** Whether {@code font} (with JavaFX's fallbacks) draws "你" and "好" as two different pictures. Call on the FX thread. */
    static boolean drawable(Font font) {
        return !same(picture("你", font), picture("好", font));
    }

    static WritableImage picture(String text, Font font) {
        Text probe = new Text(text);
        probe.setFont(font);
        return probe.snapshot(null, null);
    }

    static boolean same(WritableImage a, WritableImage b) {
        return a.getWidth() == b.getWidth() && a.getHeight() == b.getHeight()
                && IntBuffer.wrap(pixels(a)).equals(IntBuffer.wrap(pixels(b)));
    }

    private static int[] pixels(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return argb;
    }

    /** A stylesheet on every scene of every window, present and future: dialogs, menus and tooltips included. */
    private static void useEverywhere(String family) {
        String css = ".root { -fx-font-family: \"" + family.replace("\"", "") + "\"; }";
        String sheet = "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
        Window.getWindows().forEach(w -> style(w, sheet));
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(w -> style(w, sheet));
            }
        });
    }

    private static void style(Window window, String sheet) {
        addTo(window.getScene(), sheet);
        window.sceneProperty().addListener((o, was, now) -> addTo(now, sheet));
    }

    private static void addTo(Scene scene, String sheet) {
        if (scene != null && !scene.getStylesheets().contains(sheet)) {
            scene.getStylesheets().add(sheet);
        }
    }
}
