package org.lanchat.protocol.message;

import java.util.Locale;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * Who may find and join a named room (docs/PROTOCOL.md §7.23): anyone ({@code "public"}: listed by {@code rooms},
 * joined with {@code join_room}) or its members' invitees only ({@code "private"}: unknown to everyone else).
 */
public enum RoomVisibility {
    PUBLIC, PRIVATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a wire name; absent ({@code null}) is public, anything else unknown is {@code invalid_field}. */
    public static RoomVisibility fromWire(String wire) {
        if (wire == null) {
            return PUBLIC;
        }
        for (RoomVisibility v : values()) {
            if (v.wireName().equals(wire)) {
                return v;
            }
        }
        throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'visibility' must be \"public\" or \"private\"");
    }
}
