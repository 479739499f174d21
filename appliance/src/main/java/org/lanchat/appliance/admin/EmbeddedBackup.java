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
    /** The user a restore runs the backup's statements as; it exists only while it does. */
    private static final String LOADER = "lanchat_restore";
    /** The engine's tuning a backup records ({@code SET CACHE_SIZE 8192}): names that take a number and touch no file. */
    private static final java.util.regex.Pattern SETTING = java.util.regex.Pattern.compile(
            "\\s*SET\\s+(CACHE_SIZE|WRITE_DELAY|DEFAULT_LOCK_TIMEOUT|LOCK_TIMEOUT|MAX_MEMORY_ROWS|MAX_MEMORY_UNDO"
                    + "|MAX_OPERATION_MEMORY|MAX_LENGTH_INPLACE_LOB|RETENTION_TIME)\\s+\\d{1,12}\\s*;?\\s*",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern CREATE_USER =
            java.util.regex.Pattern.compile("\\s*CREATE\\s+USER\\s", java.util.regex.Pattern.CASE_INSENSITIVE);

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
        try (Connection admin = DriverManager.getConnection(config.effectiveDatabaseUrl(),
                orEmpty(config.databaseUser()), orEmpty(config.databasePassword()))) {
            runAsLoader(admin, config.effectiveDatabaseUrl(), script);
        } catch (SQLException | IOException | RuntimeException e) {
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
     * Runs the backup's statements as a user who may create and fill tables and nothing more. A backup is only tables,
     * rows, indexes and constraints; run as the database's administrator (as {@code RUNSCRIPT} does) a planted one
     * could also write files or define Java code, as whoever restores it, usually root. H2 refuses those to a user
     * without admin rights ("Admin rights are required"). The backup's own {@code CREATE USER} for the administrator
     * is skipped: the database already has its administrator, the one the appliance logs in as.
     */
    private static void runAsLoader(Connection admin, String url, Path script) throws SQLException, IOException {
        byte[] secret = new byte[16];
        new java.security.SecureRandom().nextBytes(secret);
        String password = java.util.HexFormat.of().formatHex(secret);
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE USER " + LOADER + " PASSWORD '" + password + "'");
            s.execute("GRANT ALTER ANY SCHEMA TO " + LOADER);
        }
        // The database is open already (the administrator's connection), with the settings the URL gives; only an
        // administrator may give them, so the loader's connection names the file alone.
        int settingsStart = url.indexOf(';');
        String file = settingsStart < 0 ? url : url.substring(0, settingsStart);
        try (Connection loader = DriverManager.getConnection(file, LOADER, password);
             Statement s = loader.createStatement();
             org.h2.util.ScriptReader statements = new org.h2.util.ScriptReader(new java.io.InputStreamReader(
                     new java.util.zip.GZIPInputStream(Files.newInputStream(script)),
                     java.nio.charset.StandardCharsets.UTF_8))) {
            statements.setSkipRemarks(true);
            try (Statement settings = admin.createStatement()) {
                for (String statement = next(statements); statement != null; statement = next(statements)) {
                    if (SETTING.matcher(statement).matches()) {
                        settings.execute(statement); // a number for the engine's tuning: only an administrator sets it
                    } else if (!statement.isBlank() && !CREATE_USER.matcher(statement).lookingAt()) {
                        execute(s, statement);
                    }
                }
            }
        } finally {
            try (Statement s = admin.createStatement()) {
                s.execute("DROP USER " + LOADER);
            }
        }
    }

    /** Runs one of the backup's statements; a refusal names it, so the administrator sees what the file holds. */
    private static void execute(Statement s, String statement) throws SQLException {
        try {
            s.execute(statement);
        } catch (SQLException e) {
            String start = statement.strip().replaceAll("\\s+", " ");
            throw new SQLException(e.getMessage().lines().findFirst().orElse("") + "; SQL statement: "
                    + (start.length() > 80 ? start.substring(0, 80) + "…" : start), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    /** The script's next statement; a file that is not whole gzip is a backup that cannot be loaded, as bad SQL is. */
    private static String next(org.h2.util.ScriptReader statements) throws SQLException {
        try {
            return statements.readStatement();
        } catch (org.h2.message.DbException e) {
            throw new SQLException("it could not be read: " + e.getCause(), e);
        }
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
