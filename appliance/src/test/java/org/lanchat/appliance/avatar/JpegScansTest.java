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

    @Test
    void aTruncatedJpegIsLeftToTheDecoderToRefuse() {
        byte[] jpeg = Images.progressiveJpeg(300, 200);
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        assertThatCode(() -> JpegScans.requireFew(new ByteArrayInputStream(cut))).doesNotThrowAnyException();
    }
}
