package org.lanchat.appliance.avatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.testing.Images;
import org.lanchat.protocol.ErrorCode;

/** Scans counted by walking a JPEG's marker segments, on JPEGs ImageIO writes and on a scan bomb made from one. */
class JpegScansTest {
    @Test
    void aBaselineJpegHasOneScan() throws IOException {
        assertThat(JpegScans.countUpTo(new ByteArrayInputStream(Images.real("jpeg", 300, 200)), 100)).isEqualTo(1);
    }

    @Test
    void aProgressiveJpegHasItsHandfulOfScansAndPasses() throws IOException {
        byte[] progressive = Images.progressiveJpeg(300, 200);
        assertThat(JpegScans.countUpTo(new ByteArrayInputStream(progressive), 100)).isBetween(2, 12);
        assertThatCode(() -> JpegScans.requireFew(new ByteArrayInputStream(progressive))).doesNotThrowAnyException();
    }

    @Test
    void aJpegOfThousandsOfScansIsRefusedUnread() {
        byte[] bomb = Images.jpegScanBomb(300, 200, 2000);
        assertThatThrownBy(() -> JpegScans.requireFew(new ByteArrayInputStream(bomb)))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_IMAGE))
                .hasMessageContaining("more than " + JpegScans.MAX_SCANS + " scans");
    }

    /**
     * The outside attacker's 397 KB file: 8192 x 8192 in 31 scans, inside the scan limit, held a core 10-14 s. The
     * same scans over a small picture pass; the header's size decides (so the test patches it, instead of encoding
     * 67 million pixels).
     */
    @Test
    void aLargePictureMayHaveFewerScansThanASmallOne() {
        byte[] small = Images.jpegScanBomb(300, 200, 20);
        assertThatCode(() -> JpegScans.requireFew(new ByteArrayInputStream(small))).doesNotThrowAnyException();

        byte[] large = claimingSize(small, 8192, 8192);
        assertThatThrownBy(() -> JpegScans.requireFew(new ByteArrayInputStream(large)))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_IMAGE))
                .hasMessageContaining("more than 8 scans for its 67108864 pixels");
        assertThat(JpegScans.allowedFor(48_000_000)).as("a 48 MP photo in libjpeg's 10 progressive scans").isGreaterThanOrEqualTo(10);
        assertThat(JpegScans.allowedFor(67_108_864 * 8L)).as("one scan is always allowed").isEqualTo(1);
    }

    /** The JPEG with its frame header saying {@code width} x {@code height}. */
    private static byte[] claimingSize(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        for (int i = 2; i + 8 < copy.length; i++) {
            if ((copy[i] & 0xFF) == 0xFF && (copy[i + 1] & 0xFF) >= 0xC0 && (copy[i + 1] & 0xFF) <= 0xC2) {
                copy[i + 5] = (byte) (height >> 8);
                copy[i + 6] = (byte) height;
                copy[i + 7] = (byte) (width >> 8);
                copy[i + 8] = (byte) width;
                return copy;
            }
        }
        throw new AssertionError("no frame header");
    }

    @Test
    void aTruncatedJpegIsLeftToTheDecoderToRefuse() {
        byte[] jpeg = Images.progressiveJpeg(300, 200);
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        assertThatCode(() -> JpegScans.requireFew(new ByteArrayInputStream(cut))).doesNotThrowAnyException();
    }
}
