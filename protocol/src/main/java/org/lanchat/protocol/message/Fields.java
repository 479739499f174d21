package org.lanchat.protocol.message;

import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/** Shape checks shared by the record constructors. Package-private: the records are the API. */
final class Fields {
    /** Request ids and client message ids: opaque to the appliance, short enough to index. */
    static final int MAX_ID_CHARS = 64;

    private Fields() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "field '" + field + "' is required");
        }
        return value;
    }

    static String id(String value, String field) {
        required(value, field);
        if (value.isEmpty() || value.length() > MAX_ID_CHARS) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "field '" + field + "' must be 1 to " + MAX_ID_CHARS + " characters");
        }
        wellFormed(value, field, false);
        return value;
    }

    /** A required single-line string: names, tokens, codes. No control characters at all. */
    static String name(String value, String field, int maxChars) {
        required(value, field);
        return optionalName(value, field, maxChars);
    }

    /** A required single-line string that names something: as {@link #name}, and not empty. */
    static String nonEmptyName(String value, String field, int maxChars) {
        name(value, field, maxChars);
        if (value.isEmpty()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field '" + field + "' must be 1 to " + maxChars + " characters");
        }
        return value;
    }

    static String optionalName(String value, String field, int maxChars) {
        return bounded(value, field, maxChars, false);
    }

    /** A required string that may span lines (message text, passwords): tab, CR and LF are allowed. */
    static String text(String value, String field, int maxChars) {
        required(value, field);
        return optionalText(value, field, maxChars);
    }

    static String optionalText(String value, String field, int maxChars) {
        return bounded(value, field, maxChars, true);
    }

    private static String bounded(String value, String field, int maxChars, boolean allowLineBreaks) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxChars) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "field '" + field + "' is longer than " + maxChars + " characters");
        }
        wellFormed(value, field, allowLineBreaks);
        return value;
    }

    /**
     * Rejects lone UTF-16 surrogates (JSON escapes such as {@code "\ud800"} can produce them, and they
     * cannot be written back as UTF-8) and control characters other than tab and newlines.
     */
    static void wellFormed(String value, String field, boolean allowLineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw invalid(field, "an unpaired surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                throw invalid(field, "an unpaired surrogate");
            }
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            if ((c < 0x20 || (c >= 0x7F && c < 0xA0)) && !(allowLineBreaks && lineBreak)) {
                throw invalid(field, "control character U+" + String.format("%04X", (int) c));
            }
        }
    }

    static long nonNegative(Long value, String field) {
        required(value, field);
        if (value < 0) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field '" + field + "' must not be negative");
        }
        return value;
    }

    /** Sequence numbers that name a message: they count from 1. */
    static long positive(Long value, String field) {
        required(value, field);
        if (value < 1) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field '" + field + "' must be at least 1");
        }
        return value;
    }

    private static ProtocolException invalid(String field, String what) {
        return new ProtocolException(ErrorCode.INVALID_FIELD, "field '" + field + "' contains " + what);
    }
}
