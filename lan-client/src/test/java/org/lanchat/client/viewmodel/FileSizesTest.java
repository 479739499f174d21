package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.i18n.Texts;

/** Sizes as a file card and a progress bar show them, in both languages. */
class FileSizesTest {
    @AfterEach
    void english() {
        Texts.use(Locale.ENGLISH);
    }

    @Test
    void eachSizeIsShownInTheLargestUnitItFillsWithOneDecimalRoundedDown() {
        Texts.use(Locale.ENGLISH);
        assertThat(FileSizes.shown(0)).isEqualTo("0 bytes");
        assertThat(FileSizes.shown(1023)).isEqualTo("1,023 bytes");
        assertThat(FileSizes.shown(1024)).isEqualTo("1.0 KB");
        assertThat(FileSizes.shown(1536)).isEqualTo("1.5 KB");
        assertThat(FileSizes.shown(2 * 1024 * 1024 - 1)).as("a byte short of 2 MB is not 2.0 MB").isEqualTo("1.9 MB");
        assertThat(FileSizes.shown(104_857_600)).isEqualTo("100.0 MB");
        assertThat(FileSizes.shown(3L * 1024 * 1024 * 1024 + 1)).isEqualTo("3.0 GB");
        assertThat(FileSizes.progress(524_288, 1_200_000)).isEqualTo("512.0 KB of 1.1 MB");
    }

    @Test
    void chineseSaysBytesAndProgressInItsOwnWords() {
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertThat(FileSizes.shown(12)).isEqualTo("12 字节");
        assertThat(FileSizes.shown(1536)).isEqualTo("1.5 KB");
        assertThat(FileSizes.progress(1024, 2048)).isEqualTo("1.0 KB / 2.0 KB");
    }
}
