package org.lanchat.appliance.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.Main;
import org.lanchat.appliance.admin.ControlSocket;
import org.lanchat.appliance.testing.ApplianceProcess;

/**
 * The appliance started as {@code java} from a shell whose umask is 000 — the most careless launcher — still
 * keeps its data to its own user: the data directory 0700, the database, the TLS key, the device-cookie
 * key and its backups 0600, and {@code lanchat-admin backup --to FILE} writes FILE as 0600.
 */
class PrivateFilesProcessTest {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path dir;

    @Test
    void underUmask000EverythingInTheDataDirectoryIsTheOwnersAlone() throws Exception {
        Path data = dir.resolve("data");
        try (ApplianceProcess appliance = new ApplianceProcess(data, null, "256m", List.of(), "private-files").underUmask("000")) {
            appliance.start();
            assertThat(mode(data)).isEqualTo("rwx------");
            for (String file : List.of("db/lanchat.mv.db", "tls/appliance-key.pem", "device-cookie.key")) {
                assertThat(mode(data.resolve(file))).as(file).isEqualTo("rw-------");
            }

            // "ready on port" is logged before the admin socket listens. Without the socket, the command would
            // open the database itself, which the running appliance holds, and fail. The file appears at bind,
            // a moment before the appliance listens on it: wait until a connection is accepted.
            Path adminSocket = ControlSocket.path(Map.of(), data);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    return probe.connect(UnixDomainSocketAddress.of(adminSocket));
                }
            });
            Path copy = dir.resolve("copy.sql.gz");
            StringWriter out = new StringWriter();
            String[] argv = {"--data-dir", data.toString(), "admin", "backup", "--to", copy.toString()};
            var cli = Main.commandLine(Map.of(), argv);
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(out));
            assertThat(cli.execute(argv)).as(out.toString()).isZero();
            assertThat(mode(copy)).as("backup --to FILE").isEqualTo("rw-------");
            try (Stream<Path> backups = Files.list(data.resolve("backups"))) {
                assertThat(backups.toList()).isNotEmpty().allSatisfy(b -> assertThat(mode(b)).as("%s", b).isEqualTo("rw-------"));
            }
            try (Stream<Path> all = Files.walk(data)) {
                assertThat(all.filter(p -> !Files.isSymbolicLink(p)).toList()).allSatisfy(p ->
                        assertThat(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)).as("%s", p)
                                .doesNotContainAnyElementsOf(GROUP_OR_OTHERS));
            }
        }
    }

    /** The newcomer's --fingerprint before the first start left the data directory and tls/ 0755. */
    @Test
    void theFingerprintAskedBeforeTheFirstStartMakesTheDataDirectoryAsPrivateAsAStart() throws Exception {
        Path data = dir.resolve("fresh");
        Process fingerprint = new ProcessBuilder("sh", "-c",
                "umask 022; exec \"$0\" -cp \"$1\" " + Main.class.getName() + " --data-dir \"$2\" --fingerprint",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), System.getProperty("java.class.path"),
                data.toString()).redirectErrorStream(true).start();
        String output = new String(fingerprint.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(fingerprint.waitFor()).as(output).isZero();
        assertThat(output).contains("Short code:");

        assertThat(mode(data)).isEqualTo("rwx------");
        try (Stream<Path> all = Files.walk(data)) {
            assertThat(all.toList()).hasSizeGreaterThan(1).allSatisfy(p ->
                    assertThat(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)).as("%s", p)
                            .doesNotContainAnyElementsOf(GROUP_OR_OTHERS));
        }
    }

    /**
     * The attacker, as another user, created the target first with mode 0666 and kept it open: the copy used to be
     * written into that same file, which stayed theirs and readable through the handle. Now a new file replaces it.
     */
    @Test
    void aBackupCopyReplacesAFileSomeoneCreatedFirstInsteadOfWritingIntoIt() throws Exception {
        Path source = Files.writeString(dir.resolve("source"), "secret");
        Path target = Files.writeString(dir.resolve("target"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
        Object plantedInode = Files.getAttribute(target, "unix:ino");
        try (var planted = Files.newInputStream(target)) {
            assertThat(PrivateFiles.copy(source, target)).isEqualTo(target.toAbsolutePath());
            assertThat(new String(planted.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("what the earlier handle reads").isEqualTo("old");
        }
        assertThat(mode(target)).isEqualTo("rw-------");
        assertThat(Files.readString(target)).isEqualTo("secret");
        assertThat(Files.getAttribute(target, "unix:ino")).isNotEqualTo(plantedInode);
    }

    /** A symbolic link planted where the copy should go (in /tmp, say) was followed: root overwrote the file it named. */
    @Test
    void aBackupCopyReplacesASymbolicLinkAndLeavesTheFileItNamedAlone() throws Exception {
        Path source = Files.writeString(dir.resolve("source"), "secret");
        Path victim = Files.writeString(dir.resolve("victim.conf"), "keep me");
        Path link = Files.createSymbolicLink(dir.resolve("backup.sql.gz"), victim);

        PrivateFiles.copy(source, link);

        assertThat(Files.readString(victim)).isEqualTo("keep me");
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(Files.readString(link)).isEqualTo("secret");
        assertThat(mode(link)).isEqualTo("rw-------");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no partial copy left")
                    .containsExactlyInAnyOrder("source", "victim.conf", "backup.sql.gz");
        }
    }

    @Test
    void aBackupCopyToAFolderGoesIntoItUnderTheBackupsName() throws Exception {
        Path source = Files.writeString(dir.resolve("lanchat-20261207.sql.gz"), "secret");
        Path folder = Files.createDirectories(dir.resolve("usb"));

        Path copy = PrivateFiles.copy(source, folder);

        assertThat(copy).isEqualTo(folder.resolve("lanchat-20261207.sql.gz").toAbsolutePath());
        assertThat(Files.readString(copy)).isEqualTo("secret");
    }

    @Test
    void anExistingDataDirectoryFromAnOlderVersionIsNarrowed() throws Exception {
        Path data = Files.createDirectories(dir.resolve("old/db"));
        Path db = Files.writeString(data.resolve("lanchat.mv.db"), "x");
        Files.setPosixFilePermissions(dir.resolve("old"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFiles.secureDirectory(dir.resolve("old"));
        assertThat(mode(dir.resolve("old"))).isEqualTo("rwx------");
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(db)).isEqualTo("rw-------");
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
