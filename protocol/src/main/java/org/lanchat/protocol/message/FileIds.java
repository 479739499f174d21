package org.lanchat.protocol.message;

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
