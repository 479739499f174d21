package org.lanchat.appliance.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The database password, never an option on the command line (other users can read that). From the
 * first of: {@code --database-password-file}; the systemd credential {@code database-password} (in
 * {@code $CREDENTIALS_DIRECTORY}; an empty one counts as none, since the package's unit provides an
 * empty credential when there is no password file); {@code $LANCHAT_DATABASE_PASSWORD}; the config file's
 * {@code database-password}. Surrounding whitespace in files is dropped.
 */
public final class DatabasePassword {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DatabasePassword.class);
    static final String CREDENTIAL = "database-password";
    static final String VARIABLE = "LANCHAT_DATABASE_PASSWORD";

    private DatabasePassword() {
    }

    /**
     * Says so in the log when {@code file}, which holds the database password, is readable by anyone but its owner: it
     * still starts (refusing would stop a chat over a mode), but every local user could log in to the database.
     */
    public static void warnIfOthersCanRead(Path file, String what) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("{} {} holds the database password and is readable by others (mode {}): every user of this"
                        + " computer can read the password; make it the appliance's user's alone: chmod 600 {}", what,
                        file, PosixFilePermissions.toString(mode), file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system, or the file went: nothing to say about its mode
        }
    }

    /**
     * @param passwordFile {@code --database-password-file}, or null
     * @param fromConfigFile the config file's {@code database-password}, or null; read only when needed
     * @return the password, or null when none is configured
     * @throws InvalidConfigException when the password file cannot be read
     */
    public static String resolve(Path passwordFile, Map<String, String> environment, Supplier<String> fromConfigFile)
            throws IOException {
        if (passwordFile != null) {
            if (!Files.isReadable(passwordFile)) {
                throw new InvalidConfigException(List.of("--database-password-file: cannot read " + passwordFile));
            }
            warnIfOthersCanRead(passwordFile, "--database-password-file");
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        }
        String credentials = environment.get("CREDENTIALS_DIRECTORY");
        if (credentials != null) {
            Path credential = Path.of(credentials, CREDENTIAL);
            String value = Files.isReadable(credential) ? Files.readString(credential, StandardCharsets.UTF_8).strip() : "";
            if (!value.isEmpty()) {
                return value;
            }
        }
        String fromEnvironment = environment.get(VARIABLE);
        return fromEnvironment != null ? fromEnvironment : fromConfigFile.get();
    }
}
