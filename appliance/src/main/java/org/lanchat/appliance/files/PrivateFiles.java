package org.lanchat.appliance.files;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the appliance's files to its own user. The mode a new file gets depends on the umask of whoever
 * started the process: 0027 under the systemd unit, but often 0022 or 0002 for {@code java -jar} from a
 * shell, which left the database and its backups readable by every local user. Two measures, because the
 * embedded database creates its own files: the process umask is set to 0077 at start, and the data
 * directory and everything already in it are narrowed to the owner explicitly, as are files the appliance
 * writes outside it (a backup copy).
 */
public final class PrivateFiles {
    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** libc's umask(2): the JDK has no way to set the process's file-creation mask. */
    private interface LibC extends Library {
        int umask(int mask);
    }

    private PrivateFiles() {
    }

    /**
     * Makes every file this process creates from now on private to its user (umask 0077). Where the C
     * library cannot be reached the explicit modes below still hold for the files that matter.
     */
    public static void restrictUmask() {
        try {
            int before = Native.load("c", LibC.class).umask(0077);
            log.debug("umask {} → 0077", String.format("%04o", before));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            log.info("Cannot set the umask ({}); the data directory is still kept private explicitly", e.getMessage());
        }
    }

    /**
     * Creates {@code dir} (0700) if it is missing, and narrows it and everything in it to the owner:
     * directories 0700, files without any group or other permission. Symbolic links are left alone.
     */
    public static void secureDirectory(Path dir) throws IOException {
        if (!supportsPosix(dir)) {
            Files.createDirectories(dir);
            return;
        }
        createDirectory(dir);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> narrowed = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? OWNER_DIRECTORY : ownerPart(mode);
                if (!narrowed.equals(mode)) {
                    Files.setPosixFilePermissions(p, narrowed);
                }
            }
        }
    }

    /** Creates a directory (and missing parents) as 0700; an existing one is made 0700. */
    public static void createDirectory(Path dir) throws IOException {
        if (!supportsPosix(dir)) {
            Files.createDirectories(dir);
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } catch (FileAlreadyExistsException exists) {
            // fall through: narrow it below
        }
        Files.setPosixFilePermissions(dir, OWNER_DIRECTORY); // the umask may have narrowed the attribute further
    }

    /** Makes one file 0600. */
    public static void restrict(Path file) throws IOException {
        if (supportsPosix(file)) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
    }

    /**
     * Copies {@code source} to {@code target}, or into it when it is a directory, and returns where the copy is. The
     * copy is written to a new 0600 file beside the target and then renamed over it, so that an existing target,
     * or a symbolic link planted where the target should be (in /tmp, say), is replaced and never written through:
     * root once wrote a backup through such a link into another file, and into a file another user had created first
     * and could still read.
     */
    public static Path copy(Path source, Path target) throws IOException {
        Path destination = (Files.isDirectory(target) ? target.resolve(source.getFileName()) : target).toAbsolutePath();
        Path directory = destination.getParent();
        String prefix = "." + destination.getFileName() + ".";
        Path partial = supportsPosix(directory)
                ? Files.createTempFile(directory, prefix, ".part", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(directory, prefix, ".part");
        try {
            try (InputStream in = Files.newInputStream(source);
                 OutputStream out = Files.newOutputStream(partial, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                in.transferTo(out);
            }
            Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return destination;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static Set<PosixFilePermission> ownerPart(Set<PosixFilePermission> mode) {
        Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
        owner.addAll(mode);
        owner.removeAll(OTHERS);
        return owner;
    }

    private static boolean supportsPosix(Path path) {
        Path existing = path == null ? null : path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix")
               ;
    }
}
