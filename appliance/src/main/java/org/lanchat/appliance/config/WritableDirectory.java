package org.lanchat.appliance.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.lanchat.appliance.store.StorageFault;
import org.lanchat.appliance.store.StoreUnavailableException;

/**
 * Proves at start that the data directory can be written, by writing and syncing a byte there. An
 * embedded database on a read-only or foreign-owned directory would otherwise open read-only, report
 * "ready", and refuse every login: that is a configuration error, and the start fails naming it. A full
 * disk is different: it passes by itself, so the start waits for it like for an unreachable server.
 */
public final class WritableDirectory {
    private static final String PROBE = ".lanchat-write-check";

    private WritableDirectory() {
    }

    /**
     * @throws InvalidConfigException when the directory is read-only or not ours to write
     * @throws StoreUnavailableException when the disk is full
     */
    public static void require(Path dir, String setting) {
        require(dir, setting, false);
    }

    /** {@link #require(Path, String)}, and every file directly in {@code dir} (a database's) writable too. */
    public static void requireWithFiles(Path dir, String setting) {
        require(dir, setting, true);
    }

    private static void require(Path dir, String setting, boolean files) {
        Path probe = dir.resolve(PROBE);
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(new byte[] {1}));
                channel.force(true);
            }
            Files.delete(probe);
            try (Stream<Path> list = files ? Files.list(dir) : Stream.empty()) {
                // A database file the directory's owner may not write would be opened read-only.
                Optional<Path> readOnly = list.filter(Files::isRegularFile).filter(f -> !Files.isWritable(f)).findFirst();
                if (readOnly.isPresent()) {
                    throw new InvalidConfigException(List.of(setting + " " + dir + " holds " + readOnly.get().getFileName()
                            + ", which this user cannot write: give the files to the user the appliance runs as"));
                }
            }
        } catch (IOException | SecurityException e) {
            forget(probe);
            StorageFault fault = StorageFault.of(e);
            if (fault == StorageFault.DISK_FULL) {
                throw new StoreUnavailableException("cannot write to " + dir + ": " + fault.description(), e);
            }
            String why = fault == StorageFault.UNAVAILABLE ? String.valueOf(e.getMessage()) : fault.description();
            throw new InvalidConfigException(List.of(setting + " " + dir + " cannot be written (" + why
                    + "): the appliance keeps its database, certificate and keys there; make it writable by the user "
                    + "the appliance runs as, or choose another with " + setting));
        }
    }

    /** A probe left behind by a failed write (a full disk) must not take the space it was testing for. */
    private static void forget(Path probe) {
        try {
            Files.deleteIfExists(probe);
        } catch (IOException | SecurityException e) {
            // Nothing to add: the failure being reported says why.
        }
    }
}
