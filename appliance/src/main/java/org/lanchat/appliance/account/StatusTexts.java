package org.lanchat.appliance.account;

import java.text.Normalizer;
import java.util.Locale;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * What a status text may be (PROTOCOL §7.20), checked once where it enters. It is shown beside a user's name in
 * everyone's roster, so it follows the display name's rules for characters (§7.17: no control, direction, invisible
 * or odd whitespace characters, which could make it pass for part of the name or reverse what follows it), stored
 * in NFC with runs of spaces made one. It is not a name, so scripts may mix and nothing is compared for likeness.
 */
public final class StatusTexts {
    /** In code points, after normalizing: "In a meeting until 3", not a paragraph. */
    public static final int MAX_CODE_POINTS = 80;

    private StatusTexts() {
    }

    /**
     * The text as it will be stored, or null for none (null, or nothing left once spaces are trimmed).
     *
     * @throws Refused {@code invalid_status_text}, saying what is wrong
     */
    public static String check(String raw) {
        if (raw == null) {
            return null;
        }
        String text = DisplayNames.collapseSpaces(Normalizer.normalize(raw, Normalizer.Form.NFC));
        if (text.isEmpty()) {
            return null;
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String problem = DisplayNames.problem(cp);
            if (problem != null) {
                throw new Refused(ErrorCode.INVALID_STATUS_TEXT, "the status text must not contain " + problem
                        + ": it has U+" + String.format(Locale.ROOT, "%04X", cp));
            }
            i += Character.charCount(cp);
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_CODE_POINTS) {
            throw new Refused(ErrorCode.INVALID_STATUS_TEXT,
                    "the status text must be at most " + MAX_CODE_POINTS + " characters, not " + length);
        }
        return text;
    }
}
