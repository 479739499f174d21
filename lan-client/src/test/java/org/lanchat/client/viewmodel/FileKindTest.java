package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The icon a file card shows, from the stored media type first and the name's extension after. */
class FileKindTest {
    @Test
    void aCheckedPictureIsAPictureWhateverItIsCalled() {
        assertThat(FileKind.of("holiday.pdf", "image/jpeg")).isEqualTo(FileKind.PICTURE);
    }

    @Test
    void mediaTypesTellDocumentsAndArchives() {
        assertThat(FileKind.of("x", "application/pdf")).isEqualTo(FileKind.DOCUMENT);
        assertThat(FileKind.of("x", "text/plain")).isEqualTo(FileKind.DOCUMENT);
        assertThat(FileKind.of("x", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
                .isEqualTo(FileKind.DOCUMENT);
        assertThat(FileKind.of("x", "application/zip")).isEqualTo(FileKind.ARCHIVE);
        assertThat(FileKind.of("x", "application/x-7z-compressed")).isEqualTo(FileKind.ARCHIVE);
    }

    @Test
    void withoutAMediaTypeTheExtensionTellsIgnoringCase() {
        assertThat(FileKind.of("Report.DOCX", "application/octet-stream")).isEqualTo(FileKind.DOCUMENT);
        assertThat(FileKind.of("backup.tar.gz", null)).isEqualTo(FileKind.ARCHIVE);
        assertThat(FileKind.of("scan.png", "application/octet-stream")).as("a picture by name the appliance did not check")
                .isEqualTo(FileKind.PICTURE);
    }

    @Test
    void anythingElseIsOther() {
        assertThat(FileKind.of("setup.exe", "application/octet-stream")).isEqualTo(FileKind.OTHER);
        assertThat(FileKind.of("README", null)).isEqualTo(FileKind.OTHER);
        assertThat(FileKind.of(null, null)).isEqualTo(FileKind.OTHER);
        assertThat(FileKind.of("trailing.", null)).isEqualTo(FileKind.OTHER);
    }
}
