package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A name from another computer becomes one safe file name (PROTOCOL.md §7.24). */
class FileNamesTest {
    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("report.pdf", "report.pdf"),
                Arguments.of("../../.bashrc", "bashrc"),
                Arguments.of("C:\\Users\\x\\plan.xlsx", "plan.xlsx"),
                Arguments.of("/etc/passwd", "passwd"),
                Arguments.of("CON", "_CON"),
                Arguments.of("lpt1.txt", "_lpt1.txt"),
                Arguments.of("notes.txt...   ", "notes.txt"),
                Arguments.of("..", "file"),
                Arguments.of("", "file"),
                Arguments.of("a:b*c?.txt", "a_b_c_.txt"),
                Arguments.of("invoice\u202Egpj.exe", "invoice_gpj.exe"),
                Arguments.of("line\nbreak.txt", "line_break.txt"),
                Arguments.of("会议纪要.docx", "会议纪要.docx"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("names")
    void becomesOneSafeName(String given, String expected) {
        assertThat(FileNames.safe(given)).isEqualTo(expected);
    }

    @Test
    void aLongNameKeepsItsExtension() {
        String safe = FileNames.safe("x".repeat(300) + ".pdf");
        assertThat(safe).hasSize(FileNames.MAX_CHARS).endsWith(".pdf");
        assertThat(FileNames.safe(null)).isEqualTo("file");
    }

    @Test
    void aFileAlreadyThereIsNeverReplaced(@TempDir Path dir) throws Exception {
        assertThat(FileNames.free(dir, "report.pdf")).isEqualTo(dir.resolve("report.pdf"));
        Files.writeString(dir.resolve("report.pdf"), "my own notes");
        assertThat(FileNames.free(dir, "report.pdf")).isEqualTo(dir.resolve("report (1).pdf"));
        Files.writeString(dir.resolve("report (1).pdf"), "an earlier download");
        assertThat(FileNames.free(dir, "report.pdf")).isEqualTo(dir.resolve("report (2).pdf"));
        Files.writeString(dir.resolve("Makefile"), "");
        assertThat(FileNames.free(dir, "Makefile")).isEqualTo(dir.resolve("Makefile (1)"));
    }
}
