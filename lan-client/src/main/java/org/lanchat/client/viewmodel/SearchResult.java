package org.lanchat.client.viewmodel;

import org.lanchat.protocol.message.ConversationMessage.SearchHit;

/**
 * One row of the search results: the hit as the appliance sent it (PROTOCOL.md §6.19), its time as shown, and the
 * text searched for, which the view emphasises in the snippet as the History window does its matches.
 */
public record SearchResult(SearchHit hit, String time, String query) {
    /** The text around the match, on one line (§6.19). */
    public String snippet() {
        return hit.snippet();
    }
}
