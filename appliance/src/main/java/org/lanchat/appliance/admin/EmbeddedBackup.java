package org.lanchat.appliance.admin;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.store.Database;

/**
 * Backup and restore of the embedded H2 database as a gzipped SQL script ({@code SCRIPT} /
 * {@code RUNSCRIPT}). A script, not a copy of the database file: it is consistent while the appliance
 * runs, and a later appliance with a newer H2, whose file format may differ, can still read it.
 */
final class EmbeddedBackup {
    /** Quoted: the appliance's URL has DATABASE_TO_LOWER=TRUE, which would turn a bare GZIP into an unknown "gzip". */
    private static final String GZIP = "\"GZIP\"";

    private EmbeddedBackup() {
    }

    static void writeScript(Database db, Path file) {
        db.query("writing a backup", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SCRIPT TO " + literal(file) + " COMPRESSION " + GZIP);
            }
            return null;
        });
    }

    /**
     * Replaces the embedded database with the contents of {@code script}. The appliance must be stopped.
     * The current database is kept beside it as {@code db.before-restore-<stamp>}; if the script fails,
     * it is put back.
     *
     * @return the folder holding the previous database
     */
    static Path restore(ApplianceConfig config, Path script, String stamp) throws IOException, SQLException {
        Path dbDir = config.embeddedDatabaseDirectory();
        Path previous = config.dataDir().resolve("db.before-restore-" + stamp);
        if (Files.exists(dbDir)) {
            Files.move(dbDir, previous, StandardCopyOption.ATOMIC_MOVE);
        }
        // Messages a crash left journaled belong to the database being replaced, not to the restored one.
        Path journal = config.journalDirectory();
        if (Files.exists(journal)) {
            Files.createDirectories(previous);
            Files.move(journal, previous.resolve("journal"), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.createDirectories(dbDir);
        try (Connection c = DriverManager.getConnection(config.effectiveDatabaseUrl(), orEmpty(config.databaseUser()),
                orEmpty(config.databasePassword())); Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM " + literal(script.toAbsolutePath()) + " COMPRESSION " + GZIP);
        } catch (SQLException | RuntimeException e) {
            deleteRecursively(dbDir);
            if (Files.exists(previous)) {
                Files.move(previous, dbDir, StandardCopyOption.ATOMIC_MOVE);
            }
            if (Files.exists(dbDir.resolve("journal"))) {
                Files.move(dbDir.resolve("journal"), config.journalDirectory(), StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        return previous;
    }

    /**
     * Whether a process has the embedded database open. H2 holds an exclusive lock on its file for as
     * long as it is open, so this sees a running appliance even when its admin socket is missing (it
     * could not be created, or a different runtime directory is in effect).
     */
    static boolean inUse(ApplianceConfig config) throws IOException {
        Path file = config.embeddedDatabaseFile();
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true; // another process holds it
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this very JVM has it open (an appliance started in-process)
        }
    }

    /** An SQL string literal; H2 takes no parameter for a file name here. */
    static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
