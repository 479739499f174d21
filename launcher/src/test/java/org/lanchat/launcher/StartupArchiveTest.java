package org.lanchat.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up archive the launcher gives the appliance when it starts it again on a newer JDK: beside the jar, unless
 * the administrator chose their own or it could not be written; a file there that is no archive is cleared away.
 */
class StartupArchiveTest {
    @TempDir
    Path dir;
    private final File jdk = new File(System.getProperty("java.home"));
    private File jar;
    private Path archive;

    @BeforeEach
    void aJar() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // as a checkout's target/
        jar = Files.writeString(dir.resolve("lanchat-appliance.jar"), "a jar").toFile();
        archive = StartupArchive.besides(jar, jdk).toPath();
    }

    @Test
    void theSecondJvmGetsAnArchiveBesideTheJarThatItWritesItselfWhenMissingOrStale() {
        List<String> options = StartupArchive.options(List.of("-Xmx256m"), jar, jdk);

        assertThat(options).containsExactly("-Xmx256m", "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off");
        assertThat(archive.getParent()).isEqualTo(dir);
        assertThat(archive).as("the JVM writes it as the appliance stops").doesNotExist();
    }

    @Test
    void onlyTheApplianceServingWritesTheArchiveNotAQuestionOrATool() {
        // Tried: what the README has a newcomer run before the appliance itself, and the tools of the same jar.
        for (List<String> args : List.of(List.of("--help"), List.of("-V"), List.of("--fingerprint"),
                List.of("admin", "users"), List.of("db-setup", "--print-sql"), List.of("--data-dir", "/x", "-h"))) {
            assertThat(StartupArchive.worthWriting(args)).as(String.join(" ", args)).isFalse();
        }
        assertThat(StartupArchive.worthWriting(List.of())).isTrue();
        assertThat(StartupArchive.worthWriting(List.of("--data-dir", "/var/lib/x", "--no-advertise", "--port", "7447")))
                .isTrue();
    }

    @Test
    void anAdministratorsOwnCacheOrSharingChoiceIsLeftAsItIs() {
        // Tried: each option that chooses what the JVM shares or records, as the Debian package's -XX:AOTCache does.
        for (String chosen : List.of("-XX:AOTCache=/var/cache/lanchat-appliance/lanchat-appliance.aot", "-Xshare:off",
                "-XX:SharedArchiveFile=/tmp/mine.jsa", "-XX:-AutoCreateSharedArchive", "-XX:AOTCacheOutput=/tmp/a.aot",
                "-XX:AOTMode=off", "-XX:ArchiveClassesAtExit=/tmp/b.jsa")) {
            assertThat(StartupArchive.options(List.of("-Xmx256m", chosen), jar, jdk)).containsExactly("-Xmx256m", chosen);
        }
    }

    @Test
    void aFileThatIsNoArchiveIsRemovedBecauseTheJvmWouldNeverReplaceIt() throws IOException {
        // Tried: random bytes, an empty file, three bytes of the magic number.
        for (byte[] damaged : new byte[][] {{1, 2, 3, 4, 5, 6, 7, 8}, {}, {(byte) 0xa8, (byte) 0xab, 0x0b}}) {
            Files.write(archive, damaged);

            assertThat(StartupArchive.options(List.of(), jar, jdk)).contains("-XX:SharedArchiveFile=" + archive);

            assertThat(archive).doesNotExist();
        }
    }

    @Test
    void anArchiveIsLeftToTheJvmWhichMapsItOrWritesItAgainWhenStale() throws IOException {
        // Tried: the start of a real dynamic archive (magic 0xf00baba8, little-endian).
        byte[] header = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0, (byte) 0x8d, 0x2c, 0x6e, (byte) 0xf1};
        Files.write(archive, header);

        assertThat(StartupArchive.options(List.of(), jar, jdk)).contains("-XX:SharedArchiveFile=" + archive);

        assertThat(archive).hasBinaryContent(header);
    }

    @Test
    void withoutAPlaceToWriteTheArchiveTheApplianceStartsWithout() throws IOException {
        // Tried: a folder with a file in it where the archive should be, which neither the JVM nor the launcher
        // can replace (the JVM would fail its write at exit and make the exit status 1); and a jar that is not there.
        Files.writeString(Files.createDirectories(archive).resolve("x"), "x");
        assertThat(StartupArchive.options(List.of("-Xmx256m"), jar, jdk)).containsExactly("-Xmx256m");

        assertThat(StartupArchive.options(List.of(), dir.resolve("gone.jar").toFile(), jdk)).isEmpty();
    }

    @Test
    void aRebuiltJarOrAnotherJdkGetsAnArchiveOfItsOwnAndTheEarlierOneIsRemoved() throws IOException {
        // The JVM notices a stale archive only after it decided not to write one, so it would stay stale for good.
        Files.write(archive, new byte[] {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0});
        assertThat(archive.getFileName().toString()).startsWith("lanchat-appliance-").endsWith(".jsa");

        // Tried: the jar rebuilt (new size and time), then the same jar on another JDK.
        Files.writeString(jar.toPath(), "a jar, rebuilt");
        Path rebuilt = StartupArchive.besides(jar, jdk).toPath();
        Path otherJdk = StartupArchive.besides(jar, dir.toFile()).toPath();

        assertThat(rebuilt).isNotEqualTo(archive);
        assertThat(otherJdk).isNotEqualTo(rebuilt);
        assertThat(StartupArchive.options(List.of(), jar, jdk)).contains("-XX:SharedArchiveFile=" + rebuilt);
        assertThat(archive).as("the earlier build's, never to be mapped again").doesNotExist();
        assertThat(StartupArchive.besides(jar, jdk).toPath()).as("the same build, the same name").isEqualTo(rebuilt);
    }

    @Test
    void otherFilesBesideTheJarAreLeftAlone() throws IOException {
        Path notes = Files.writeString(dir.resolve("lanchat-appliance.txt"), "notes");
        Path otherArchive = Files.writeString(dir.resolve("other-1.jsa"), "another app's");

        StartupArchive.options(List.of(), jar, jdk);

        assertThat(notes).exists();
        assertThat(otherArchive).exists();
    }

    @Test
    void aFolderOrArchiveOthersMayWriteGetsNoArchiveBecauseTheJvmWouldRunWhatTheyPutThere() throws IOException {
        // Tried: the jar's folder writable by the group, then by everyone (as /tmp is), then an archive others may write.
        for (String mode : List.of("rwxrwxr-x", "rwxr-xrwx")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
            assertThat(StartupArchive.options(List.of("-Xmx256m"), jar, jdk)).as(mode).containsExactly("-Xmx256m");
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.write(archive, new byte[] {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0});
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(StartupArchive.options(List.of("-Xmx256m"), jar, jdk)).containsExactly("-Xmx256m");
        assertThat(archive).as("someone else's to remove").exists();

        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-------"));
        assertThat(StartupArchive.options(List.of("-Xmx256m"), jar, jdk)).contains("-XX:SharedArchiveFile=" + archive);
    }
}
