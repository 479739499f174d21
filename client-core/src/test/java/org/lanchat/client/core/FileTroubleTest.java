package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What kind of trouble a real file operation ran into, so a user is told more than the path. */
class FileTroubleTest {
    @TempDir
    Path dir;

    private static FileTrouble troubleOf(IoAction action) {
        return FileTrouble.of(catchThrowableOfType(IOException.class, action::run));
    }

    interface IoAction {
        void run() throws IOException;
    }

    @Test
    void readingAFileThatIsNotThereIsMissing() {
        Path absent = dir.resolve("absent.png");
        IOException failure = catchThrowableOfType(IOException.class, () -> Files.readAllBytes(absent));

        assertThat(FileTrouble.of(failure)).isEqualTo(FileTrouble.MISSING);
        assertThat(failure.getMessage()).as("the JDK's own words: the path alone").isEqualTo(absent.toString());
    }

    @Test
    void readingAFolderAsAFileIsAFolder() {
        assertThat(troubleOf(() -> Files.readAllBytes(dir))).isEqualTo(FileTrouble.IS_A_FOLDER);
    }

    @Test
    void aFolderInsideAFileIsNotAFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThat(troubleOf(() -> Files.createDirectories(file.resolve("inside")))).isIn(FileTrouble.NOT_A_FOLDER,
                FileTrouble.ALREADY_EXISTS);
        assertThat(troubleOf(() -> Files.readAllBytes(file.resolve("inside")))).isEqualTo(FileTrouble.NOT_A_FOLDER);
    }

    @Test
    void creatingWhatExistsAlreadyExists() {
        assertThat(troubleOf(() -> Files.createFile(dir))).isEqualTo(FileTrouble.ALREADY_EXISTS);
    }

    @Test
    void aRefusedAccessIsDenied() {
        // Tests run as root, whom file modes do not stop; the JDK's exception for EACCES stands in.
        assertThat(FileTrouble.of(new AccessDeniedException("/home/ann/.lanchat"))).isEqualTo(FileTrouble.DENIED);
    }

    @Test
    void theSystemsWordsAreTheReasonWithoutThePathAndAnythingUnknownIsOther() {
        FileSystemException full = new FileSystemException("/var/lib/lanchat/x", null, "No space left on device");
        FileSystemException odd = new FileSystemException("/dev/x", null, "Input/output error");

        assertThat(FileTrouble.of(full)).isEqualTo(FileTrouble.DISK_FULL);
        assertThat(FileTrouble.of(odd)).isEqualTo(FileTrouble.OTHER);
        assertThat(FileTrouble.reason(odd)).isEqualTo("Input/output error");
        assertThat(FileTrouble.reason(new IOException("Stream closed"))).isEqualTo("Stream closed");
    }
}
