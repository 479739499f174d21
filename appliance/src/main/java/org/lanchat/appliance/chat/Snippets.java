package org.lanchat.appliance.chat;

import java.util.Locale;

/**
 * The part of a message's text a search result shows (docs/PROTOCOL.md §6.19): the first match with some text on
 * either side, on one line, and an ellipsis where text was left out.
 */
final class Snippets {
    /** Longest snippet in UTF-16 units, ellipses not counted: one line of a result list. */
    static final int MAX_CHARS = 120;
    /** Text kept before the match, so the reader sees what it follows. */
    static final int BEFORE_MATCH = 40;
    static final String ELLIPSIS = "…";

    private Snippets() {
    }

    static String of(String text, String query) {
        String line = text.replaceAll("[ \\t\\r\\n]+", " ").replaceAll("^ | $", "");
        if (line.length() <= MAX_CHARS) {
            return line;
        }
        int match = Math.max(0, line.toLowerCase(Locale.ROOT).indexOf(query.toLowerCase(Locale.ROOT).strip()));
        int from = Math.max(0, Math.min(match - BEFORE_MATCH, line.length() - MAX_CHARS));
        int to = Math.min(line.length(), from + MAX_CHARS);
        // Never cut a surrogate pair in half: the snippet must be valid UTF-16 to be valid JSON text.
        if (from > 0 && Character.isLowSurrogate(line.charAt(from))) {
            from++;
        }
        if (to < line.length() && Character.isHighSurrogate(line.charAt(to - 1))) {
            to--;
        }
        return (from > 0 ? ELLIPSIS : "") + line.substring(from, to) + (to < line.length() ? ELLIPSIS : "");
    }
}
