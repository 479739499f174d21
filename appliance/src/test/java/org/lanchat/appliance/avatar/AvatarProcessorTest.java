package org.lanchat.appliance.avatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanchat.appliance.core.HeavyWork;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.testing.Images;
import org.lanchat.protocol.ErrorCode;

class AvatarProcessorTest {
    private static final HeavyWork.Owner ALICE = new HeavyWork.Owner(1, "192.0.2.10");
    private final AvatarProcessor processor = new AvatarProcessor();

    private AvatarImage process(byte[] upload) {
        return processor.process(upload, ALICE);
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "gif"})
    void pngJpegAndGifBecomeA128PixelSquarePng(String format) throws IOException {
        AvatarImage avatar = process(Images.real(format, 640, 480));
        assertThat(avatar.contentType()).isEqualTo("image/png");
        BufferedImage result = decode(avatar.png());
        assertThat(result.getWidth()).isEqualTo(128);
        assertThat(result.getHeight()).isEqualTo(128);
        assertThat(avatar.sha256()).hasSize(64);
        // Centre-cropped: the red disc is in the middle, blue at the corner (JPEG is lossy, hence "mostly").
        assertThat(mostly(result.getRGB(64, 64))).isEqualTo("red");
        assertThat(mostly(result.getRGB(2, 2))).isEqualTo("blue");
    }

    @Test
    void smallImagesAreScaledUp() throws IOException {
        assertThat(decode(process(Images.real("png", 16, 16)).png()).getWidth()).isEqualTo(128);
    }

    @Test
    void aProgressiveJpegIsTakenButAScanBombIsRefusedBeforeDecoding() {
        assertThat(process(Images.progressiveJpeg(400, 300)).png()).isNotEmpty();
        // 2,000 scans of a 4096 x 4096 picture held a core for 52 s; this is smaller, but the count alone refuses it.
        assertThatThrownBy(() -> process(Images.jpegScanBomb(200, 150, 100)))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_IMAGE))
                .hasMessageContaining("scans");
    }

    @Test
    void theSameUploadGivesTheSameHash() {
        byte[] upload = Images.real("png", 300, 300);
        assertThat(process(upload).sha256()).isEqualTo(process(upload).sha256());
    }

    @Test
    void bytesThatAreNoImageAreRejected() {
        assertThatThrownBy(() -> process("<?php system($_GET['c']); ?>".getBytes()))
                .isInstanceOf(Refused.class).hasMessageContaining("not a PNG, JPEG or GIF")
                .satisfies(e -> assertThat(((Refused) e).code()).isEqualTo(ErrorCode.INVALID_IMAGE));
    }

    @Test
    void anImageThatLiesAboutItsFormatIsRejected() {
        byte[] png = Images.real("png", 64, 64);
        byte[] fakeGif = Arrays.copyOf("GIF89a".getBytes(), png.length + 6);
        System.arraycopy(png, 0, fakeGif, 6, png.length);
        assertThatThrownBy(() -> process(fakeGif)).isInstanceOf(Refused.class)
                .satisfies(e -> assertThat(((Refused) e).code()).isEqualTo(ErrorCode.INVALID_IMAGE));
        byte[] jpegMagicThenGarbage = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4, 5, 6, 7};
        assertThatThrownBy(() -> process(jpegMagicThenGarbage)).isInstanceOf(Refused.class);
    }

    @Test
    void aTruncatedImageIsRejected() {
        byte[] png = Images.real("png", 200, 200);
        assertThatThrownBy(() -> process(Arrays.copyOf(png, png.length / 2))).isInstanceOf(Refused.class)
                .satisfies(e -> assertThat(((Refused) e).code()).isEqualTo(ErrorCode.INVALID_IMAGE));
    }

    /** A JPEG cut at 60% of its bytes, with and without an end marker (FF D9) appended: the reader only warns. */
    @Test
    void aJpegCutShortIsRejectedEvenWithAnEndMarkerAppended() {
        byte[] jpeg = Images.real("jpeg", 200, 200);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 6 / 10);
        byte[] cutThenEnd = Arrays.copyOf(cut, cut.length + 2);
        cutThenEnd[cut.length] = (byte) 0xFF;
        cutThenEnd[cut.length + 1] = (byte) 0xD9;
        for (byte[] damaged : List.of(cut, cutThenEnd)) {
            assertThatThrownBy(() -> process(damaged)).isInstanceOf(Refused.class)
                    .satisfies(e -> assertThat(((Refused) e).code()).isEqualTo(ErrorCode.INVALID_IMAGE));
        }
        assertThat(process(jpeg).png()).isNotEmpty();
    }

    @Test
    void aDecompressionBombIsRejectedFromItsHeaderWithoutDecodingThePixels() {
        byte[] bomb = Images.pngBomb(20_000);
        assertThat(bomb.length).as("small on the wire").isLessThan(AvatarProcessor.MAX_UPLOAD_BYTES);
        long before = allocatedByThisThread();
        assertThatThrownBy(() -> process(bomb)).isInstanceOf(Refused.class)
                .hasMessageContaining("20000x20000")
                .satisfies(e -> assertThat(((Refused) e).code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE));
        assertThat(allocatedByThisThread() - before).as("400 MB of pixels were never allocated").isLessThan(100L << 20);
    }

    @Test
    void aGifWhoseScreenIsLargerThanTheLimitIsRefusedThoughItsFrameIsSmall() {
        byte[] gif = Images.real("gif", 1, 1);
        gif[6] = gif[7] = gif[8] = gif[9] = (byte) 0xFF; // a 65535 x 65535 logical screen around the 1 x 1 frame

        assertThatThrownBy(() -> process(gif)).isInstanceOf(Refused.class).hasMessageContaining("65535x65535")
                .satisfies(e -> assertThat(((Refused) e).code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE));
    }

    @Test
    void aLargeButAllowedImageIsDecodedSubsampled() throws IOException {
        // 4096 x 4096 is the limit; subsampling keeps the decoded raster around 256 x 256.
        AvatarImage avatar = process(Images.pngBomb(4096));
        assertThat(decode(avatar.png()).getWidth()).isEqualTo(128);
    }

    @Test
    void uploadsOverTheByteLimitAreRejectedBeforeDecoding() {
        byte[] huge = new byte[AvatarProcessor.MAX_UPLOAD_BYTES + 1];
        assertThatThrownBy(() -> process(huge)).isInstanceOf(Refused.class)
                .satisfies(e -> assertThat(((Refused) e).code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE));
    }

    @Test
    void defaultAvatarsAreStablePerNameAndDifferBetweenNames() throws IOException {
        DefaultAvatars defaults = new DefaultAvatars();
        AvatarImage alice = defaults.forUser("alice");
        assertThat(defaults.forUser("ALICE").sha256()).isEqualTo(alice.sha256());
        assertThat(defaults.forUser("bob").sha256()).isNotEqualTo(alice.sha256());
        assertThat(decode(alice.png()).getWidth()).isEqualTo(128);
    }

    private static String mostly(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        if (r > 200 && g < 60 && b < 60) {
            return "red";
        }
        return b > 200 && r < 60 && g < 60 ? "blue" : String.format("#%06x", rgb & 0xFFFFFF);
    }

    /**
     * Bytes this thread has allocated so far: the test classes run side by side, so the heap as a whole also holds
     * what the others allocate meanwhile (a password hash alone takes 19 MiB).
     */
    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
