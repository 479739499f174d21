package org.lanchat.client.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks after the launcher's class data sharing archive (docs/PERFORMANCE.md, "Start-up"). The app image's launcher
 * starts the JVM with {@code -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=~/.cache/lanchat/…} and names the same
 * file in {@value #PROPERTY}: the JVM then maps the classes of an earlier run from that file, and when it is missing,
 * cut short, it starts without it and writes a new one as it exits. The rest is left to us: it does not make the
 * folder (and failing to write turns the exit status into 1); it never replaces a file that is not an archive at all,
 * so one damaged that way would cost every start from then on; and it notices a stale archive (another build) only
 * after it decided not to write one, which is why each build's launcher names an archive of its own and the earlier
 * builds' archives are removed here. Without the property (Maven's {@code -Prun}, tests) there is nothing to do.
 */
public final class StartupArchive {
    /** The system property the launcher sets to the archive's path, the same as {@code -XX:SharedArchiveFile}. */
    public static final String PROPERTY = "lanchat.client.startupArchive";
    /** How HotSpot's dynamic archives begin: 0xf00baba8, little-endian (CDS_DYNAMIC_ARCHIVE_MAGIC). */
    private static final byte[] MAGIC = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0};
    private static final Logger log = LoggerFactory.getLogger(StartupArchive.class);

    private StartupArchive() {
    }

    /**
     * Makes the folder of the archive named in {@value #PROPERTY}, if any, removes earlier builds' archives there and
     * a file in the archive's place that is no archive, so that the JVM writes one at the next exit. Never fails: the archive only makes the next start faster.
     *
     * @return the archive's path, if the launcher named one
     */
    public static Optional<Path> prepare() {
        return prepare(System.getProperty(PROPERTY, ""));
    }

    static Optional<Path> prepare(String archive) {
        if (archive.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(archive).toAbsolutePath();
        try {
            Files.createDirectories(path.getParent());
            removeEarlier(path);
            if (!isArchive(path)) {
                // This run already started without it; the next one finds no file and writes an archive at exit.
                log.info("Removing {}: not a start-up archive (damaged?); the next start writes a new one", path);
                Files.delete(path);
            }
        } catch (NoSuchFileException e) {
            log.debug("No start-up archive yet at {}: the JVM writes it as the app exits", path);
        } catch (IOException | SecurityException e) {
            log.warn("No start-up archive at {} (the next start is slower, nothing else): {}", path, e.toString());
        }
        return Optional.of(path);
    }

    /** The archives of earlier builds in the same folder: about 20 MB each, never to be mapped again. */
    private static void removeEarlier(Path archive) throws IOException {
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(archive.getParent(), "*.jsa")) {
            for (Path earlier : archives) {
                if (!earlier.equals(archive)) {
                    Files.deleteIfExists(earlier);
                }
            }
        }
    }

    private static boolean isArchive(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }
}
