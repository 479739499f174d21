package org.lanchat.client.view;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds web addresses in message text: {@code http://} and {@code https://} ones, up to the next space, without
 * the punctuation that usually ends the sentence around them ("see https://x.example/a." links to
 * {@code https://x.example/a}).
 */
final class Links {
    private static final Pattern ADDRESS = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    private static final String TRAILING = ".,;:!?'\")]}";

    /** A stretch of text: a link (its text is the address) or not. */
    record Piece(String text, boolean isLink) {
    }

    private Links() {
    }

    static List<Piece> split(String text) {
        List<Piece> pieces = new ArrayList<>();
        Matcher m = ADDRESS.matcher(text);
        int from = 0;
        while (m.find()) {
            int end = m.end();
            while (end > m.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0 && !closesOpenBracket(text, m.start(), end)) {
                end--;
            }
            if (end - m.start() <= "https://".length()) {
                continue;
            }
            if (m.start() > from) {
                pieces.add(new Piece(text.substring(from, m.start()), false));
            }
            pieces.add(new Piece(text.substring(m.start(), end), true));
            from = end;
        }
        if (from < text.length() || pieces.isEmpty()) {
            pieces.add(new Piece(text.substring(from), false));
        }
        return pieces;
    }

    /** A ")" that closes a "(" inside the address belongs to it (Wikipedia's addresses). */
    private static boolean closesOpenBracket(String text, int start, int end) {
        if (text.charAt(end - 1) != ')') {
            return false;
        }
        String address = text.substring(start, end);
        return address.chars().filter(c -> c == '(').count() >= address.chars().filter(c -> c == ')').count();
    }
}
