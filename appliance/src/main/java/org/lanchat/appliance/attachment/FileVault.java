package org.lanchat.appliance.attachment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.lanchat.protocol.message.FileIds;

/**
 * The attachments directory. A complete file lives at {@code <dir>/ab/abcdef…} (its SHA-256, fanned out by the first
 * two digits so no directory grows past a few thousand entries), its thumbnail next to it as {@code ….thumb.png}; an
 * upload in progress at {@code <dir>/partial/<sha256>-<user id>}, one per uploader so nobody can add to another's.
 * A file is moved into place only after its hash matched, so a name under {@code ab/} is always complete and right.
 */
final class FileVault {
    static final long KEPT_FREE_AT_LEAST = 256L << 20;
    private final Path root;
    private final Path partials;

    FileVault(Path root) {
        this.root = root;
        this.partials = root.resolve("partial");
        try {
            Files.createDirectories(partials);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the attachments directory " + root, e);
        }
    }

    Path complete(String fileId) {
        return root.resolve(fileId.substring(0, 2)).resolve(fileId);
    }

    Path thumbnail(String fileId) {
        return root.resolve(fileId.substring(0, 2)).resolve(fileId + ".thumb.png");
    }

    Path partial(String fileId, long userId) {
        return partials.resolve(fileId + "-" + userId);
    }

    /**
     * Bytes an upload may still take from the disk the files are on: what is free there, less what the appliance keeps
     * free for everything else on it (the database and its journal above all: with the disk full, no message is
     * stored). Kept: 2% of the disk, and at least 256 MiB.
     */
    long spaceForUploads() {
        try {
            FileStore disk = Files.getFileStore(partials);
            long kept = Math.max(KEPT_FREE_AT_LEAST, disk.getTotalSpace() / 50);
            return disk.getUsableSpace() - kept;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isComplete(String fileId) {
        return Files.isRegularFile(complete(fileId));
    }

    /** Bytes held of an upload in progress; 0 when none has started. */
    long held(Path partial) {
        try {
            return Files.size(partial);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends to an upload in progress; the caller has checked that {@code data} belongs at its end. */
    void append(Path partial, byte[] data) {
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of a file as 64 lower-case hex digits: its id, if it is what its uploader said it is. */
    static String sha256(Path file) {
        try {
            return FileIds.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a verified upload the stored file (synced first, so a crash never leaves a short file under its hash). */
    void promote(Path partial, String fileId) {
        Path target = complete(fileId);
        try {
            try (FileChannel sync = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                sync.force(true);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeThumbnail(String fileId, byte[] png) {
        try {
            Files.createDirectories(thumbnail(fileId).getParent());
            Files.write(thumbnail(fileId), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads up to {@code length} bytes of a stored file from {@code offset}. */
    byte[] read(String fileId, long offset, int length) {
        try (FileChannel in = FileChannel.open(complete(fileId), StandardOpenOption.READ)) {
            long size = in.size();
            int n = (int) Math.max(0, Math.min(length, size - offset));
            ByteBuffer buffer = ByteBuffer.allocate(n);
            while (buffer.hasRemaining() && in.read(buffer, offset + buffer.position()) > 0) {
                // read until full; a file never shrinks while stored
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] readThumbnail(String fileId) {
        try {
            return Files.readAllBytes(thumbnail(fileId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteStored(String fileId) {
        delete(complete(fileId));
        delete(thumbnail(fileId));
    }

    /** The partial files of uploads in progress: they count against the quota too, or they could fill the disk. */
    List<Path> partials() {
        try (Stream<Path> files = Files.list(partials)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads in progress last written before {@code cutoffMillis} (wall-clock time). */
    List<Path> partialsWrittenBefore(long cutoffMillis) {
        try (Stream<Path> files = Files.list(partials)) {
            return files.filter(file -> {
                try {
                    return Files.getLastModifiedTime(file).toMillis() < cutoffMillis;
                } catch (IOException e) {
                    return false; // gone meanwhile
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
