package org.lanchat.appliance.avatar;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * Counts the scans of a JPEG before it is decoded. A progressive JPEG is decoded scan by scan over every block of the
 * whole picture, whatever subsampling is asked for, so its cost is blocks times scans and not its size in bytes: a
 * 100 KB file of 2,000 tiny scans held a core for 52 s. Encoders write one scan (baseline) or about ten (libjpeg's
 * progressive default: 10 for colour, 6 for grey), so more than {@value #MAX_SCANS} is refused unread. Written here
 * because ImageIO has no scan limit (libjpeg-turbo's {@code TJPARAM_SCANLIMIT} is the same idea), and walking the
 * marker segments takes a few lines: every segment but a scan's entropy-coded data says its length.
 */
public final class JpegScans {
    public static final int MAX_SCANS = 32;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    private JpegScans() {
    }

    /** Refuses ({@code invalid_image}) a JPEG of more than {@link #MAX_SCANS} scans; reads at most to that scan. */
    public static void requireFew(InputStream jpeg) {
        int scans;
        try {
            scans = countUpTo(new BufferedInputStream(jpeg, 64 * 1024), MAX_SCANS + 1);
        } catch (IOException e) {
            return; // a damaged file: the decoder says so in its own words
        }
        if (scans > MAX_SCANS) {
            throw new Refused(ErrorCode.INVALID_IMAGE, "the JPEG has more than " + MAX_SCANS + " scans; pictures from"
                    + " cameras and editors have at most about ten");
        }
    }

    /** The scans (SOS markers) in the stream, counting no further than {@code limit}. */
    static int countUpTo(InputStream in, int limit) throws IOException {
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
