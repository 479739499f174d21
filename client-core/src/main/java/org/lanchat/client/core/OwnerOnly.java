package org.lanchat.client.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The data directory, and every directory and file a client makes in it, are the user's alone: 0700 and 0600 from
 * the moment each is created, whichever command creates it first (a refused first contact too), not only once a
 * sign-in is written. Made with those modes and set to them, not left to the umask: it can only take bits away, and
 * a directory made 0755 before keeps them. (The files themselves are written by {@code OwnerOnlyFile}, 0600.) Where
 * the file system has no POSIX modes, the user's profile directory is private already.
 */
final class OwnerOnly {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /**
     * {@code dir}, created if need be and made 0700. Missing parents are made as {@code mkdir -p} makes them: they are
     * not the client's (the data directory's parent is {@code ~/.local/share}).
     */
    static Path directory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (!posix(absolute)) {
            return Files.createDirectories(absolute);
        }
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
        if (!Files.getPosixFilePermissions(absolute).equals(DIRECTORY)) {
            Files.setPosixFilePermissions(absolute, DIRECTORY);
        }
        return dir;
    }

    /** A file to lock, opened for writing: created 0600, and made 0600 if an older version made it otherwise. */
    static FileChannel lockFile(Path file) throws IOException {
        boolean posix = posix(file.toAbsolutePath().getParent());
        FileAttribute<?>[] mode = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
        FileChannel channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), mode);
        try {
            if (posix && !Files.getPosixFilePermissions(file).equals(FILE)) {
                Files.setPosixFilePermissions(file, FILE);
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
