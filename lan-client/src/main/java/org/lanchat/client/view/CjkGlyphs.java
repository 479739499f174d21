package org.lanchat.client.view;

import java.nio.IntBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Whether JavaFX can draw Chinese with the fonts installed. LAN Chat bundles no CJK font (one is 15-20 MB, more
 * than the rest of the app): Windows and macOS always have one, and on Linux JavaFX falls back through fontconfig
 * to {@code fonts-noto-cjk} or {@code fonts-wqy-microhei} when installed. Without one every Chinese character is
 * drawn as the same empty box, and that is what this checks: two different characters that come out as the same
 * picture are two missing-glyph boxes. JavaFX has no public "does a font cover this character" call, and asking
 * fontconfig would miss fonts JavaFX finds by other ways; drawing asks JavaFX itself.
 */
final class CjkGlyphs {
    private CjkGlyphs() {
    }

    /** Draws "你" and "好" off screen and compares them. Call on the FX thread. */
    static boolean drawable(Font font) {
        return !same(picture("你", font), picture("好", font));
    }

    static WritableImage picture(String text, Font font) {
        Text probe = new Text(text);
        probe.setFont(font);
        return probe.snapshot(null, null);
    }

    static boolean same(WritableImage a, WritableImage b) {
        int width = (int) a.getWidth();
        int height = (int) a.getHeight();
        if (width != (int) b.getWidth() || height != (int) b.getHeight()) {
            return false;
        }
        return IntBuffer.wrap(pixels(a)).equals(IntBuffer.wrap(pixels(b)));
    }

    private static int[] pixels(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return argb;
    }
}
