package org.lanchat.appliance.core;

import java.util.Locale;
import java.util.Objects;

/**
 * How a stored entry relates to an earlier message of its conversation (docs/PROTOCOL.md §7.19): a reply to it, or
 * a change to it, which is an entry of its own with its own sequence number so that it is committed, relayed, paged
 * and caught up exactly like a message. {@code targetSeq} is that message's sequence number. A plain message has no
 * relation (null), which keeps the commit path of ordinary messages as it was.
 */
public record Relation(Kind kind, long targetSeq) {
    /** Stored in the {@code kind} column (V10) under its lower-case name. */
    public enum Kind {
        /** A message that answers the target; its text or sticker is its own. */
        REPLY,
        /** Replaces the target's text with this entry's text. */
        EDIT,
        /** Deletes the target for everyone; no text of its own. */
        DELETE,
        /** Adds the sender's reaction, this entry's text (one emoji), to the target. */
        REACT,
        /** Withdraws the sender's reaction, this entry's text, from the target. */
        UNREACT;

        public String stored() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromStored(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public Relation {
        Objects.requireNonNull(kind, "kind");
    }

    /** Whether this entry changes its target rather than being a message (a reply is a message). */
    public boolean isChange() {
        return kind != Kind.REPLY;
    }
}
