package org.lanchat.appliance.avatar;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.HeavyWork;
import org.lanchat.protocol.ErrorCode;

/**
 * Turns an uploaded image into a {@value #SIZE}x{@value #SIZE} PNG, safely. The JDK's ImageIO does the
 * decoding and encoding (PNG, JPEG and GIF readers ship with every runtime, so no extra library).
 *
 * <p>Defences, in order: a byte limit; the format is sniffed from the magic bytes and only that
 * format's reader is used; the dimensions are read from the header and checked before any pixel is
 * decoded (a decompression bomb announces its size there); pixels are decoded with subsampling so the
 * raster held in memory is small whatever the source size; metadata is ignored; only the first frame
 * of an animation is read; and decodes run on {@link HeavyWork}'s few threads, not the request's.
 */
public final class AvatarProcessor {
    public static final int SIZE = 128;
    public static final int MAX_UPLOAD_BYTES = 512 * 1024;
    static final int MAX_SIDE = 4096;
    static final long MAX_PIXELS = 4096L * 4096L;

    static {
        // No temp files: uploads are small and the service runs with a private, possibly read-only /tmp.
        ImageIO.setUseCache(false);
    }

    private final HeavyWork decoding;

    public AvatarProcessor() {
        this(HeavyWork.PICTURES);
    }

    AvatarProcessor(HeavyWork decoding) {
        this.decoding = decoding;
    }

    /** Checks and converts {@code upload}, in {@code owner}'s turn at the picture queue. */
    public AvatarImage process(byte[] upload, HeavyWork.Owner owner) {
        if (upload.length > MAX_UPLOAD_BYTES) {
            throw new Refused(ErrorCode.IMAGE_TOO_LARGE,
                    "the image is " + upload.length + " bytes; the limit is " + MAX_UPLOAD_BYTES + " bytes");
        }
        ImageFormat format = sniff(upload);
        if (format == ImageFormat.JPEG) {
            JpegScans.requireFew(new ByteArrayInputStream(upload));
        }
        return decoding.runUnlessBusy(owner, () -> AvatarImage.ofPng(encodePng(squareAndScale(decode(upload, format)))));
    }

    private static ImageFormat sniff(byte[] b) {
        return ImageFormat.sniff(b).orElseThrow(() ->
                new Refused(ErrorCode.INVALID_IMAGE, "the file is not a PNG, JPEG or GIF image"));
    }

    /**
     * A GIF declares a logical screen its frames are drawn on, which the first frame's size does not show: a 1 x 1
     * frame may claim 65535 x 65535. Only the frame is scaled here, but the limit is the picture's (§5.11), as for files.
     */
    private static void refuseLargeGifScreen(byte[] gif) {
        int width = (gif[6] & 0xFF) | (gif[7] & 0xFF) << 8; // after "GIF89a", little-endian; the reader read past it
        int height = (gif[8] & 0xFF) | (gif[9] & 0xFF) << 8;
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new Refused(ErrorCode.IMAGE_TOO_LARGE, "the image's screen is " + width + "x" + height
                    + " pixels; the limit is " + MAX_SIDE + "x" + MAX_SIDE);
        }
    }

    private static BufferedImage decode(byte[] bytes, ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName());
        if (!readers.hasNext()) {
            throw new IllegalStateException("the Java runtime has no " + format + " reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new Refused(ErrorCode.INVALID_IMAGE, "the image has no pixels");
            }
            if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                throw new Refused(ErrorCode.IMAGE_TOO_LARGE, "the image is " + width + "x" + height
                        + " pixels; the limit is " + MAX_SIDE + "x" + MAX_SIDE);
            }
            if (format == ImageFormat.GIF) {
                refuseLargeGifScreen(bytes);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.min(width, height) / (2 * SIZE));
            param.setSourceSubsampling(step, step, 0, 0);
            JpegEnding ending = JpegEnding.listenTo(reader);
            BufferedImage image = reader.read(0, param);
            if (image == null) {
                throw new Refused(ErrorCode.INVALID_IMAGE, "the image could not be decoded");
            }
            ending.requireWhole();
            return image;
        } catch (Refused e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Malformed files make ImageIO throw all sorts of runtime exceptions; none may escape as a crash.
            throw new Refused(ErrorCode.INVALID_IMAGE, "the image is damaged or not really a " + format);
        } finally {
            reader.dispose();
        }
    }

    /** Centre-crops to a square and scales to SIZE, halving in steps so large images stay sharp. */
    static BufferedImage squareAndScale(BufferedImage source) {
        int side = Math.min(source.getWidth(), source.getHeight());
        BufferedImage current = source.getSubimage((source.getWidth() - side) / 2, (source.getHeight() - side) / 2, side, side);
        int currentSide = side;
        do {
            int next = Math.max(SIZE, currentSide / 2);
            if (currentSide <= SIZE) {
                next = SIZE;
            }
            BufferedImage scaled = new BufferedImage(next, next, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = scaled.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, next, next, null);
            } finally {
                g.dispose();
            }
            current = scaled;
            currentSide = next;
        } while (currentSide != SIZE);
        return current;
    }

    static byte[] encodePng(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("the Java runtime has no PNG writer");
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
