package org.lanchat.appliance.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Test images: real ones made with ImageIO, and hostile ones built byte by byte. */
public final class Images {
    private Images() {
    }

    /** A real image of the given format ("png", "jpeg", "gif") and size, with a red disc on blue. */
    public static byte[] real(String format, int width, int height) {
        BufferedImage image = discOnBlue(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage discOnBlue(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    /** A real progressive JPEG (ImageIO's default progression, a handful of scans), with a red disc on blue. */
    public static byte[] progressiveJpeg(int width, int height) {
        BufferedImage image = discOnBlue(width, height);
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream sink = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(sink);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A JPEG "scan bomb": a real progressive JPEG whose last scan is repeated {@code repeats} more times before its
     * end marker. Small in bytes, but a decoder walks every block of the picture once per scan.
     */
    public static byte[] jpegScanBomb(int width, int height, int repeats) {
        byte[] jpeg = progressiveJpeg(width, height);
        int lastScan = -1;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                lastScan = i;
            }
        }
        int end = jpeg.length - 2; // the end-of-image marker
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, end);
        for (int r = 0; r < repeats; r++) {
            out.write(jpeg, lastScan, end - lastScan);
        }
        out.write(jpeg, end, 2);
        return out.toByteArray();
    }

    /**
     * A decompression bomb: a valid PNG whose header announces {@code side} x {@code side} pixels and
     * whose image data inflates to all of them (zeros compress about 1000:1). A 20,000 x 20,000 bomb is
     * a few hundred KB on disk and 1.6 GB as pixels.
     */
    public static byte[] pngBomb(int side) {
        int rowBytes = 1 + side; // filter byte + one greyscale byte per pixel
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] row = new byte[rowBytes];
        byte[] buffer = new byte[64 * 1024];
        for (int y = 0; y < side; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                int n = deflater.deflate(buffer);
                idat.write(buffer, 0, n);
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            idat.write(buffer, 0, n);
        }
        deflater.end();
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(side).putInt(side).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** A real PNG whose header is rewritten (checksum and all) to announce {@code width} x {@code height} pixels. */
    public static byte[] pngClaiming(int width, int height) {
        byte[] png = real("png", 8, 8);
        ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height); // IHDR data starts after signature, length, type
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17); // "IHDR" + 13 bytes of data
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        return png;
    }

    /** A real baseline JPEG whose frame header (SOF0) is rewritten to announce {@code width} x {@code height}. */
    public static byte[] jpegClaiming(int width, int height) {
        byte[] jpeg = real("jpeg", 16, 16);
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) height).putShort((short) width);
                return jpeg;
            }
        }
        throw new IllegalStateException("the JPEG writer wrote no SOF0 marker");
    }

    /**
     * A GIF whose screen and first image announce {@code width} x {@code height} pixels (at most 65535 each)
     * while carrying almost no image data: a decompression bomb in GIF's clothing.
     */
    public static byte[] gifClaiming(int width, int height) {
        return gifClaiming(width, height, width, height);
    }

    /** A GIF whose logical screen claims {@code screenWidth} x {@code screenHeight} around a frame of the other size. */
    public static byte[] gifClaiming(int screenWidth, int screenHeight, int width, int height) {
        ByteBuffer gif = ByteBuffer.allocate(40).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        gif.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
        gif.putShort((short) screenWidth).putShort((short) screenHeight).put((byte) 0x80).put((byte) 0).put((byte) 0);
        gif.put(new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}); // two-colour palette
        gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height).put((byte) 0);
        gif.put(new byte[] {2, 2, 0x44, 0x01, 0, 0x3B}); // LZW code size, one data block, terminator, trailer
        return java.util.Arrays.copyOf(gif.array(), gif.position());
    }

    /**
     * A GIF on a 1 x 1 screen with one frame of each of the {@code frames} sizes ({width, height}), each carrying
     * almost no image data: the first frame looks harmless, the later ones are the bomb.
     */
    public static byte[] gifFrames(int[]... frames) {
        ByteBuffer gif = ByteBuffer.allocate(32 + frames.length * 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        gif.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
        gif.putShort((short) 1).putShort((short) 1).put((byte) 0x80).put((byte) 0).put((byte) 0);
        gif.put(new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}); // two-colour palette
        for (int[] frame : frames) {
            gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) frame[0])
                    .putShort((short) frame[1]).put((byte) 0);
            gif.put(new byte[] {2, 2, 0x44, 0x01, 0}); // LZW code size, one data block, terminator
        }
        gif.put((byte) 0x3B);
        return java.util.Arrays.copyOf(gif.array(), gif.position());
    }

    /** The width and height of an encoded image. */
    public static int[] dimensions(byte[] image) {
        try {
            BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(image));
            return new int[] {decoded.getWidth(), decoded.getHeight()};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
