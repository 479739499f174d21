package org.lanchat.client.viewmodel;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.lanchat.client.i18n.Texts;

/**
 * Prepares a picture the user chose as an avatar: the appliance takes PNG, JPEG or GIF up to 512 KiB and
 * 4096 × 4096 px and crops and scales it to 128 px itself, so a small picture is sent as it is, and a large
 * one is centre-cropped and scaled to 256 px PNG here first (a photo straight from a phone is far too big).
 */
public final class AvatarFiles {
    static final int MAX_BYTES = 512 * 1024;
    static final int MAX_SIDE = 4096;
    private static final int SCALED_SIDE = 256;

    private AvatarFiles() {
    }

    /**
     * Reads and, if needed, shrinks the picture. Blocks on the file.
     *
     * @throws IOException with a message for the user if it is not a picture the appliance takes
     */
    public static byte[] prepare(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (!isPngJpegOrGif(bytes)) {
            throw new IOException(Texts.text("avatar.notAPicture"));
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null || image.getWidth() == 0 || image.getHeight() == 0) {
            throw new IOException(Texts.text("avatar.unreadable"));
        }
        if (bytes.length <= MAX_BYTES && image.getWidth() <= MAX_SIDE && image.getHeight() <= MAX_SIDE) {
            return bytes;
        }
        return squarePng(image, SCALED_SIDE);
    }

    static byte[] squarePng(BufferedImage image, int side) throws IOException {
        int crop = Math.min(image.getWidth(), image.getHeight());
        int x = (image.getWidth() - crop) / 2;
        int y = (image.getHeight() - crop) / 2;
        BufferedImage scaled = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(image, 0, 0, side, side, x, y, x + crop, y + crop, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(scaled, "png", out);
        return out.toByteArray();
    }

    static boolean isPngJpegOrGif(byte[] b) {
        boolean png = b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
        boolean jpeg = b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
        boolean gif = b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F';
        return png || jpeg || gif;
    }
}
