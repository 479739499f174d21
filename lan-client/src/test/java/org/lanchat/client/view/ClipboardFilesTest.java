package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** What a paste sends: copied files as they are, a copied picture as a PNG with the same pixels, text as nothing. */
@ExtendWith(ApplicationExtension.class)
class ClipboardFilesTest {
    @TempDir
    Path dir;

    @Test
    void aPictureIsWrittenAsAPngWithItsPixelsNamedByWhenItWasPasted() throws IOException {
        WritableImage image = new WritableImage(3, 2);
        int[] argb = {0xffff0000, 0xff00ff00, 0xff0000ff, 0x80ffffff, 0xff000000, 0x00000000};
        for (int i = 0; i < argb.length; i++) {
            image.getPixelWriter().setArgb(i % 3, i / 3, argb[i]);
        }

        Path png = ClipboardFiles.png(image, dir, LocalDateTime.of(2026, 12, 5, 9, 30, 15));

        assertThat(png.getFileName().toString()).isEqualTo("picture-20261205-093015.png");
        assertThat(png.getParent().getParent()).isEqualTo(dir);
        BufferedImage read = ImageIO.read(png.toFile());
        for (int i = 0; i < argb.length; i++) {
            assertThat(read.getRGB(i % 3, i / 3)).as("pixel %d", i).isEqualTo(argb[i]);
        }
        Path again = ClipboardFiles.png(image, dir, LocalDateTime.of(2026, 12, 5, 9, 30, 15));
        assertThat(again).as("a second paste in the same second does not overwrite the first").isNotEqualTo(png);
        assertThat(png).exists();
    }

    @Test
    void copiedFilesAreSentAsTheyAreAndCopiedTextIsLeftToTheField(FxRobot robot) throws IOException {
        Path report = Files.writeString(dir.resolve("report.txt"), "notes");
        assertThat(pasted(robot, Map.of(DataFormat.FILES, List.of(report.toFile())))).containsExactly(report);
        assertThat(pasted(robot, Map.of(DataFormat.PLAIN_TEXT, "just text"))).isEmpty();
        WritableImage image = new WritableImage(4, 4);
        List<Path> picture = pasted(robot, Map.of(DataFormat.IMAGE, image));
        assertThat(picture).singleElement().satisfies(png -> assertThat(png.getFileName().toString()).endsWith(".png"));
        assertThat(pasted(robot, Map.of(DataFormat.IMAGE, image, DataFormat.PLAIN_TEXT, "a cell of a spreadsheet")))
                .as("text with a picture of it, as office programs copy: the text is what is meant").isEmpty();
    }

    /** What a paste sends with {@code content} on the system clipboard. */
    private List<Path> pasted(FxRobot robot, Map<DataFormat, Object> content) {
        AtomicReference<List<Path>> files = new AtomicReference<>();
        robot.interact(() -> {
            Clipboard clipboard = Clipboard.getSystemClipboard();
            clipboard.setContent(content);
            try {
                files.set(ClipboardFiles.of(clipboard, dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return files.get();
    }
}
