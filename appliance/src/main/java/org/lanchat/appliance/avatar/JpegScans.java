package org.lanchat.appliance.avatar;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongToIntFunction;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * Counts the scans of a JPEG before it is decoded. A progressive JPEG is decoded scan by scan over every block of the
 * whole picture, whatever subsampling is asked for, so its cost is blocks times scans and not its size in bytes: a
 * 100 KB file of 2,000 tiny scans held a core for 52 s. Encoders write one scan (baseline) or about ten (libjpeg's
 * progressive default: 10 for colour, 6 for grey), so more than {@value #MAX_SCANS} is refused unread. Scans of a large
 * picture cost more: ImageIO takes about 5 ns per pixel and scan on this project's two-core test box (an 8192 x 8192
 * JPEG: 0.25 s baseline, 3.3 s in 10 scans, 9 s in 31), and an outside attacker's 397 KB file of 31 scans held the one
 * picture worker for 10-14 s. So pixels times scans may be at most {@value #MAX_PIXEL_SCANS} (about 2.5 s): a 48 MP
 * photo in libjpeg's 10 progressive scans passes, 8192 x 8192 in more than 8 scans does not. Written here because
 * ImageIO has no scan limit (libjpeg-turbo's {@code TJPARAM_SCANLIMIT} is the same idea), and walking the marker
 * segments takes a few lines: every segment but a scan's entropy-coded data says its length.
 */
public final class JpegScans {
    public static final int MAX_SCANS = 32;
    /** Pixels times scans at most: what the decoder's time follows. */
    public static final long MAX_PIXEL_SCANS = 512L * 1024 * 1024;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    private JpegScans() {
    }

    /**
     * Refuses ({@code invalid_image}) a JPEG of more than {@link #MAX_SCANS} scans, or of more scans than its size
     * allows ({@link #MAX_PIXEL_SCANS}); reads at most to the first scan too many.
     */
    public static void requireFew(InputStream jpeg) {
        long[] pixels = {0};
        int scans;
        try {
            scans = countUpTo(new BufferedInputStream(jpeg, 64 * 1024), MAX_SCANS + 1, size -> {
                pixels[0] = size;
                return allowedFor(size) + 1;
            });
        } catch (IOException e) {
            return; // a damaged file: the decoder says so in its own words
        }
        if (scans > MAX_SCANS) {
            throw new Refused(ErrorCode.INVALID_IMAGE, "the JPEG has more than " + MAX_SCANS + " scans; pictures from"
                    + " cameras and editors have at most about ten");
        }
        if (scans > allowedFor(pixels[0])) {
            throw new Refused(ErrorCode.INVALID_IMAGE, "the JPEG has more than " + allowedFor(pixels[0])
                    + " scans for its " + pixels[0] + " pixels, which would take too long to check; save it as a"
                    + " baseline (not progressive) JPEG, or smaller");
        }
    }

    /** The scans a picture of {@code pixels} may have: at least one, at most {@link #MAX_SCANS}. */
    static int allowedFor(long pixels) {
        return (int) Math.max(1, Math.min(MAX_SCANS, MAX_PIXEL_SCANS / Math.max(1, pixels)));
    }

    /** The scans (SOS markers) in the stream, counting no further than {@code limit}. */
    static int countUpTo(InputStream in, int limit) throws IOException {
        return countUpTo(in, limit, pixels -> limit);
    }

    /**
     * The scans in the stream, counting no further than {@code limit}, or than what {@code limitForPixels} gives once
     * the frame header has said the picture's size.
     */
    static int countUpTo(InputStream in, int limit, LongToIntFunction limitForPixels) throws IOException {
        if (read(in) != 0xFF || read(in) != 0xD8) {
            throw new IOException("no start-of-image marker");
        }
        int scans = 0;
        int marker = nextMarker(in);
        while (marker != EOI && scans < limit) {
            if (isStandalone(marker)) {
                marker = nextMarker(in);
                continue;
            }
            int length = (read(in) << 8 | read(in)) - 2;
            if (isFrameHeader(marker) && length >= 5) {
                read(in); // sample precision
                int height = read(in) << 8 | read(in);
                int width = read(in) << 8 | read(in);
                limit = Math.min(limit, limitForPixels.applyAsInt((long) width * height));
                length -= 5;
            }
            in.skipNBytes(Math.max(0, length));
            if (marker == SOS) {
                scans++;
                marker = afterEntropyCodedData(in);
            } else {
                marker = nextMarker(in);
            }
        }
        return scans;
    }

    /** Skips a scan's data, in which 0xFF is followed by 0x00 (a stuffed byte) or a restart marker; returns the next marker. */
    private static int afterEntropyCodedData(InputStream in) throws IOException {
        while (true) {
            if (read(in) != 0xFF) {
                continue;
            }
            int b = read(in);
            while (b == 0xFF) {
                b = read(in); // fill bytes
            }
            if (b != 0x00 && !isRestart(b)) {
                return b;
            }
        }
    }

    private static int nextMarker(InputStream in) throws IOException {
        int b = read(in);
        if (b != 0xFF) {
            throw new IOException("a marker was expected");
        }
        while (b == 0xFF) {
            b = read(in);
        }
        return b;
    }

    /** SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean isStandalone(int marker) {
        return marker == 0x01 || isRestart(marker);
    }

    private static boolean isRestart(int marker) {
        return marker >= 0xD0 && marker <= 0xD7;
    }

    private static int read(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }
}
