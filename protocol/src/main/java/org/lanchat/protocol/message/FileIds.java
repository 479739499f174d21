package org.lanchat.protocol.message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * The id of a file (§7.24): the SHA-256 of its bytes as 64 lower-case hexadecimal digits. Content addressing makes
 * the id a check as well as a name, and lets the appliance keep a file sent twice once.
 */
public final class FileIds {
    public static final int LENGTH = 64;
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");

    private FileIds() {
    }

    public static boolean isFileId(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    /** The id of the file at {@code file}: the SHA-256 of its bytes, read in 64 KiB pieces. */
    public static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String required(String value, String field) {
        Fields.required(value, field);
        return optional(value, field);
    }

    static String optional(String value, String field) {
        if (value != null && !isFileId(value)) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "field '" + field + "' must be a SHA-256 as 64 lower-case hexadecimal digits");
        }
        return value;
    }
}
