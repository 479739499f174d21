package org.lanchat.appliance.attachment;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.lanchat.appliance.avatar.ImageFormat;
import org.lanchat.appliance.avatar.JpegEnding;
import org.lanchat.appliance.avatar.JpegScans;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.core.HeavyWork;
import org.lanchat.protocol.ErrorCode;

/**
 * Decides whether an uploaded file is a picture and, if so, checks it and makes its thumbnail, with the avatar's
 * defences ({@link org.lanchat.appliance.avatar.AvatarProcessor}): the format is sniffed from the magic bytes and only
 * that reader is used; the dimensions are read from the header and checked before any pixel is decoded (a
 * decompression bomb announces its size there), for a GIF every frame's; pixels are decoded subsampled, so the raster
 * in memory stays small; only the first frame is decoded; decodes run on {@link HeavyWork}'s few threads, waiting for the uploader's turn (turns
 * go round the computers and accounts waiting, so one flooding with pictures waits behind its own).
 *
 * <p>A file that starts like a PNG, JPEG or GIF must be exactly one: bytes after the image's end marker make it a
 * polyglot (a picture that is also a ZIP or a script), which is refused rather than stored as a picture or as a file.
 */
final class PictureCheck {
    static final int THUMBNAIL_SIDE = 256;
    static final int MAX_SIDE = 16_384;
    static final long MAX_PIXELS = 64L << 20;
    /** Frames of one GIF: a thousand seconds of animation at its fastest pace, and a walk through them stays short. */
    static final int MAX_GIF_FRAMES = 5_000;
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    /** A checked picture: its media type, size in pixels and a PNG thumbnail. */
    record Picture(String mediaType, int width, int height, byte[] thumbnailPng) {
    }

    static {
        ImageIO.setUseCache(false);
    }

    /**
     * Empty for a file that is not a picture; refuses ({@code invalid_image}) one that starts like one and is not.
     *
     * @param uploader who uploaded it, from where: the decode waits for their turn
     */
    Optional<Picture> check(Path file, HeavyWork.Owner uploader) {
        byte[] head = bytesAt(file, 0, 12);
        Optional<ImageFormat> format = ImageFormat.sniff(head);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        requireEndsCleanly(file, format.get());
        if (format.get() == ImageFormat.JPEG) {
            try (InputStream in = Files.newInputStream(file)) {
                JpegScans.requireFew(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.of(HeavyWork.PICTURES.run(uploader, () -> decode(file, format.get())));
    }

    private static void requireEndsCleanly(Path file, ImageFormat format) {
        long size = size(file);
        boolean clean = switch (format) {
            case PNG -> size >= PNG_END.length && Arrays.equals(bytesAt(file, size - PNG_END.length, PNG_END.length), PNG_END);
            case JPEG -> size >= 2 && Arrays.equals(bytesAt(file, size - 2, 2), new byte[] {(byte) 0xFF, (byte) 0xD9});
            case GIF -> size >= 1 && bytesAt(file, size - 1, 1)[0] == 0x3B;
        };
        if (!clean) {
            throw new Refused(ErrorCode.INVALID_IMAGE, "the file starts like a " + format
                    + " picture but does not end like one (a damaged picture, or one with something else attached)");
        }
    }

    private static Picture decode(Path file, ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName());
        if (!readers.hasNext()) {
            throw new IllegalStateException("the Java runtime has no " + format + " reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            if (format == ImageFormat.GIF) {
                refuseLargeGifScreen(file);
                refuseLargeGifFrames(file, format);
            }
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new Refused(ErrorCode.INVALID_IMAGE, "the picture has no pixels");
            }
            if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                throw new Refused(ErrorCode.IMAGE_TOO_LARGE, "the picture is " + width + "x" + height
                        + " pixels; the limit is " + MAX_SIDE + " on a side and " + MAX_PIXELS + " pixels");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(width, height) / (2 * THUMBNAIL_SIDE));
            param.setSourceSubsampling(step, step, 0, 0);
            JpegEnding ending = JpegEnding.listenTo(reader);
            BufferedImage image = reader.read(0, param);
            if (image == null) {
                throw new Refused(ErrorCode.INVALID_IMAGE, "the picture could not be decoded");
            }
            ending.requireWhole();
            return new Picture(format.mediaType(), width, height, png(scaled(image)));
        } catch (Refused e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Malformed files make ImageIO throw all sorts of runtime exceptions; none may escape as a crash.
            throw new Refused(ErrorCode.INVALID_IMAGE, "the picture is damaged or not really a " + format);
        } finally {
            reader.dispose();
        }
    }

    /** Fits the picture in THUMBNAIL_SIDE x THUMBNAIL_SIDE, keeping its shape; never enlarges. */
    private static BufferedImage scaled(BufferedImage source) {
        double factor = Math.min(1.0, (double) THUMBNAIL_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static long size(Path file) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            return in.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A GIF's header declares a logical screen its frames are drawn on, which the reader's first-frame size does not
     * show: a 1 x 1 frame may claim a 65535 x 65535 screen, and a viewer that honours it allocates for the screen.
     */
    private static void refuseLargeGifScreen(Path file) {
        byte[] screen = bytesAt(file, 6, 4); // after "GIF89a": width and height, little-endian
        if (screen.length < 4) {
            throw new Refused(ErrorCode.INVALID_IMAGE, "the picture could not be decoded");
        }
        int width = (screen[0] & 0xFF) | (screen[1] & 0xFF) << 8;
        int height = (screen[2] & 0xFF) | (screen[3] & 0xFF) << 8;
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw new Refused(ErrorCode.IMAGE_TOO_LARGE, "the picture's screen is " + width + "x" + height
                    + " pixels; the limit is " + MAX_SIDE + " on a side and " + MAX_PIXELS + " pixels");
        }
    }

    /**
     * Every frame of a GIF, not only the first: a 1 x 1 first frame may be followed by a 30000 x 30000 one, or by a
     * thousand large ones, and a viewer that animates the picture decodes them all. Each frame's size is read from its
     * descriptor (the reader skips its pixel data without decoding it), and the frames together are held to the
     * limit one picture has.
     */
    private static void refuseLargeGifFrames(Path file, ImageFormat format) throws IOException {
        ImageReader frames = ImageIO.getImageReadersByFormatName(format.readerName()).next();
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            frames.setInput(in, true, true);
            long pixels = 0;
            for (int frame = 0; ; frame++) {
                int width;
                int height;
                try {
                    width = frames.getWidth(frame);
                    height = frames.getHeight(frame);
                } catch (IndexOutOfBoundsException e) {
                    return; // past the last frame
                }
                if (frame >= MAX_GIF_FRAMES) {
                    throw new Refused(ErrorCode.IMAGE_TOO_LARGE, "the picture has more than " + MAX_GIF_FRAMES
                            + " frames");
                }
                pixels += Math.max(1L, (long) width * height); // empty frames are not free to walk through either
                if (width > MAX_SIDE || height > MAX_SIDE || pixels > MAX_PIXELS) {
                    throw new Refused(ErrorCode.IMAGE_TOO_LARGE, "frame " + (frame + 1) + " of the picture is " + width
                            + "x" + height + " pixels, and its frames up to there " + pixels + "; the limit is " + MAX_SIDE
                            + " on a side and " + MAX_PIXELS + " pixels for all frames together");
                }
            }
        } finally {
            frames.dispose();
        }
    }

    private static byte[] bytesAt(Path file, long offset, int length) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(length, in.size() - offset)));
            while (buffer.hasRemaining() && in.read(buffer, offset + buffer.position()) > 0) {
                // until full
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
