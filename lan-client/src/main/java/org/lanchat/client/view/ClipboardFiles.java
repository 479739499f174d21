package org.lanchat.client.view;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.input.Clipboard;
import javax.imageio.ImageIO;

/**
 * What a paste into the chat sends: the files a file manager copied, or a picture (a screenshot, an image copied in a
 * browser) written to a temporary PNG first. Text on the clipboard is text to paste, even when a word processor put
 * a picture of it there too: then nothing here is sent.
 */
final class ClipboardFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ClipboardFiles() {
    }

    /** The files to send for what is on {@code clipboard}; empty when it is for the text field. */
    static List<Path> of(Clipboard clipboard, Path temporary) throws IOException {
        if (clipboard.hasFiles()) {
            return clipboard.getFiles().stream().map(File::toPath).toList();
        }
        if (clipboard.hasString() || !clipboard.hasImage() || clipboard.getImage() == null) {
            return List.of();
        }
        return List.of(png(clipboard.getImage(), temporary, LocalDateTime.now()));
    }

    /** {@code image} as a PNG in a new folder under {@code temporary}, named by when it was pasted. */
    static Path png(Image image, Path temporary, LocalDateTime at) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage copy = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                copy.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        // A folder of its own: two pastes in one second do not overwrite each other, and the name sent stays plain.
        Path folder = Files.createTempDirectory(Files.createDirectories(temporary), "lanchat-paste-");
        Path file = folder.resolve("picture-" + STAMP.format(at) + ".png");
        ImageIO.write(copy, "png", file.toFile());
        folder.toFile().deleteOnExit(); // deleted in the reverse order: the file, then its folder
        file.toFile().deleteOnExit();
        return file;
    }
}
