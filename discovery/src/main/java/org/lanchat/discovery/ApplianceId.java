package org.lanchat.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The appliance's stable identity on the LAN, advertised in TXT as {@code id=}.
 *
 * <p>Instance names can change (renamed by an admin, or "LAN Chat (2)" after a conflict) and addresses
 * change with DHCP; the id does not. Clients key their certificate pin and their "last appliance that
 * worked" on it. It is 128 random bits as 32 lower-case hex digits, created once and kept in the file
 * {@value #FILE_NAME} in the appliance's data directory.
 */
public record ApplianceId(String value) {
    public static final String FILE_NAME = "appliance-id";
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApplianceId {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("an appliance id is 32 lower-case hex digits, was '" + value + "'");
        }
    }

    public static ApplianceId random() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return new ApplianceId(HexFormat.of().formatHex(bits));
    }

    /**
     * Reads the id from {@code dataDir}, or creates and stores a new one on first start.
     *
     * <p>A damaged file is an error rather than a reason to make a new id: a new id would make every
     * client treat this appliance as a stranger.
     *
     * @throws IOException if the directory cannot be written, or the file holds something that is not an id
     */
    public static ApplianceId loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return read(file);
        }
        Files.createDirectories(dataDir);
        ApplianceId created = random();
        Path temp = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
        try {
            Files.writeString(temp, created.value() + "\n", StandardCharsets.US_ASCII);
            // Atomic, so a crash leaves either no id file or a whole one, never a half-written id.
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return read(file);
    }

    private static ApplianceId read(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return new ApplianceId(content);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold an appliance id (32 hex digits); restore it from a "
                    + "backup, or delete it to make this appliance a new one that clients must trust again", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
