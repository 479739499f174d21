package org.lanchat.protocol.message;

import java.text.BreakIterator;
import java.util.Locale;

/**
 * What a reaction may be (docs/PROTOCOL.md §5.24): one emoji as people see it, that is one grapheme cluster
 * (so a flag, a skin tone or a family joined with zero-width joiners counts as one) of at most
 * {@value #MAX_CHARS} UTF-16 units that is shown as an emoji: it holds a character whose default presentation
 * is an emoji, or an emoji character followed by the emoji variation selector U+FE0F. Plain letters and digits,
 * which Unicode also lists as emoji characters (for keycaps), are therefore not reactions on their own.
 */
public final class Reactions {
    /** Longer than any emoji in use (the longest family or flag sequences take about 25 units). */
    public static final int MAX_CHARS = 32;
    private static final int VARIATION_SELECTOR_EMOJI = 0xFE0F;

    private Reactions() {
    }

    public static boolean isReaction(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_CHARS) {
            return false;
        }
        BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
        graphemes.setText(value);
        graphemes.first();
        if (graphemes.next() != value.length()) {
            return false;
        }
        boolean selector = value.codePoints().anyMatch(c -> c == VARIATION_SELECTOR_EMOJI);
        return value.codePoints().anyMatch(c -> Character.isEmojiPresentation(c) || (selector && Character.isEmoji(c)));
    }
}
