package org.lanchat.protocol.message;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * Where a page of {@code rooms} ended (PROTOCOL.md §5.28): the list ({@code joined} or {@code open}) and the last room's
 * place in its order, by name ignoring case and then id. The appliance writes it as {@code rooms.next}; a client hands
 * it back unread as {@code after}. It holds the name rather than only the id because a room the user can no longer see
 * (left, archived) must not stop the listing, and looking an id's name up would tell a private room's name by where
 * the next page starts. A forged one is therefore harmless: it is only a place in the order.
 */
public record RoomsCursor(boolean joined, long roomId, String name) {
    /** Longest {@code after}, in UTF-16 units: the list letter, 18 digits, {@code :} and a name NFC lengthened. */
    public static final int MAX_CHARS = 256;
    private static final Pattern SHAPE = Pattern.compile("([jo])([1-9][0-9]{0,17}):(.*)", Pattern.DOTALL);

    /** Reads {@code after}; {@code invalid_field} for anything the appliance could not have written. */
    public static RoomsCursor parse(String after) {
        Matcher m = SHAPE.matcher(after);
        if (!m.matches()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "field 'after' must be the 'next' of a previous rooms reply");
        }
        try {
            return new RoomsCursor(m.group(1).equals("j"), Long.parseLong(m.group(2)), m.group(3));
        } catch (NumberFormatException tooLarge) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'after' names a room id beyond 64 bits");
        }
    }

    /** {@code j12:Design}: what {@link #parse} reads. */
    public String format() {
        return (joined ? "j" : "o") + roomId + ":" + name;
    }
}
