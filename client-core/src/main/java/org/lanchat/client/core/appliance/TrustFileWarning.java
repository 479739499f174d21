package org.lanchat.client.core.appliance;

import java.util.List;
import java.util.Objects;

/**
 * Why the administrator's trust file, or one of its lines, was not believed, as data: each UI says it in its own
 * words from {@link #kind()} and {@link #arguments()}; {@link #toString()} is the English for the log.
 *
 * @param kind      what is wrong
 * @param arguments the file first, then what the kind documents
 * @param english   the same in English, for the log
 */
public record TrustFileWarning(Kind kind, List<Object> arguments, String english) {
    /** What can be wrong with a trust file. */
    public enum Kind {
        /** Arguments: the file. */
        NOT_A_REGULAR_FILE,
        /** Arguments: the file, its owner. */
        NOT_OWNED_BY_ROOT,
        /** Arguments: the file. */
        WRITABLE_BY_OTHERS,
        /** Its owner and mode, or its content, cannot be read. Arguments: the file. */
        UNREADABLE,
        /** A line that is neither a short code nor a fingerprint (it trusts nothing). Arguments: the file, its number, it. */
        BAD_LINE
    }

    public TrustFileWarning {
        Objects.requireNonNull(kind, "kind");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(english, "english");
    }

    @Override
    public String toString() {
        return english;
    }
}
