package org.lanchat.client.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lanchat.protocol.message.ServerMessage.SearchHit;

/**
 * One row of the search results: the hit as the appliance sent it (PROTOCOL.md §6.19), its time as shown, and its
 * snippet cut into plain and matching parts so the view can emphasise what was searched for.
 */
public record SearchResult(SearchHit hit, String time, List<Part> parts) {
    public SearchResult {
        parts = List.copyOf(parts);
    }

    /** A run of the snippet; {@code match} when it is (a case-insensitive occurrence of) the text searched for. */
    public record Part(String text, boolean match) {
    }

    /**
     * Cuts {@code snippet} at every occurrence of {@code query}. The appliance matches more loosely than a plain
     * case-insensitive comparison can tell here (§7.22): a snippet where the query is not found shows unemphasised.
     */
    static List<Part> parts(String snippet, String query) {
        String needle = query.strip().toLowerCase(Locale.ROOT);
        String haystack = snippet.toLowerCase(Locale.ROOT);
        List<Part> parts = new ArrayList<>();
        // Lower-casing may change a string's length (rare letters): then positions would not line up, so do not try.
        if (needle.isEmpty() || haystack.length() != snippet.length()) {
            return List.of(new Part(snippet, false));
        }
        int from = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, from)) {
            if (at > from) {
                parts.add(new Part(snippet.substring(from, at), false));
            }
            parts.add(new Part(snippet.substring(at, at + needle.length()), true));
            from = at + needle.length();
        }
        if (from < snippet.length()) {
            parts.add(new Part(snippet.substring(from), false));
        }
        return parts;
    }

    /** The snippet as one string (for screen readers and tests). */
    public String snippet() {
        return hit.snippet();
    }
}
