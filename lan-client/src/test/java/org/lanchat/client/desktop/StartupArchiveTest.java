package org.lanchat.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM writes the launcher's start-up archive as it exits but does not make its folder (and exits with 1 when it
 * cannot write): the app makes the folder as it starts, and a folder it cannot make never stops it.
 */
class StartupArchiveTest {
    @TempDir
    Path home;

    @Test
    void theArchivesFolderIsMadeWhenTheLauncherNamesAnArchiveInAFolderThatDoesNotExistYet() {
        Path archive = home.resolve(".cache/lanchat/lanchat-client.jsa");

        assertThat(StartupArchive.prepare(archive.toString())).contains(archive);

        assertThat(archive.getParent()).isDirectory();
        assertThat(archive).as("the JVM writes the archive itself, at exit").doesNotExist();
    }

    @Test
    void withoutTheLauncherNamingAnArchiveNothingIsMade() {
        // Tried: the property unset (Maven's -Prun, these tests) and set to blanks.
        assertThat(StartupArchive.prepare()).isEmpty();
        assertThat(StartupArchive.prepare("  ")).isEmpty();
    }

    @Test
    void aFolderThatCannotBeMadeIsReportedAndTheAppStartsAnyway() throws IOException {
        // Tried: a file where the folder ~/.cache should be.
        Files.writeString(home.resolve(".cache"), "not a folder");
        Path archive = home.resolve(".cache/lanchat/lanchat-client.jsa");

        assertThat(StartupArchive.prepare(archive.toString())).contains(archive);

        assertThat(home.resolve(".cache")).isRegularFile();
    }

    @Test
    void aFileThatIsNoArchiveIsRemovedBecauseTheJvmWouldNeverReplaceIt() throws IOException {
        Path archive = Files.createDirectories(home.resolve(".cache/lanchat")).resolve("lanchat-client.jsa");
        // Tried: random bytes, an empty file, and three bytes of the magic number.
        for (byte[] damaged : new byte[][] {{1, 2, 3, 4, 5, 6, 7, 8}, {}, {(byte) 0xa8, (byte) 0xab, 0x0b}}) {
            Files.write(archive, damaged);

            StartupArchive.prepare(archive.toString());

            assertThat(archive).doesNotExist();
        }
    }

    @Test
    void anArchiveIsLeftToTheJvmWhichMapsItOrReplacesItWhenStale() throws IOException {
        Path archive = Files.createDirectories(home.resolve(".cache/lanchat")).resolve("lanchat-client.jsa");
        // Tried: the start of a real dynamic archive (magic 0xf00baba8, little-endian), cut short after the header.
        byte[] header = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0, (byte) 0x8d, 0x2c, 0x6e, (byte) 0xf1};
        Files.write(archive, header);

        StartupArchive.prepare(archive.toString());

        assertThat(archive).hasBinaryContent(header);
    }

    @Test
    void theArchivesOfEarlierBuildsAreRemovedBecauseTheJvmWouldKeepTryingThemStale() throws IOException {
        Path folder = Files.createDirectories(home.resolve(".cache/lanchat"));
        Path earlier = Files.writeString(folder.resolve("lanchat-client-20261201120000.jsa"), "an earlier build's");
        Path notes = Files.writeString(folder.resolve("notes.txt"), "not an archive's name");
        Path archive = folder.resolve("lanchat-client-20261205060000.jsa");

        StartupArchive.prepare(archive.toString());

        assertThat(earlier).doesNotExist();
        assertThat(notes).exists();
    }
}
