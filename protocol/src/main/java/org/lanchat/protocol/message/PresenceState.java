package org.lanchat.protocol.message;

import java.util.Arrays;
import java.util.Locale;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;

/**
 * What a user online says about being reachable (docs/PROTOCOL.md §7.20). A user offline is offline whatever
 * state they chose: the state only qualifies being online.
 */
public enum PresenceState {
    /** The default: a user who never chose a state is available. */
    AVAILABLE,
    /** Away from the desk, chosen or set by the client after the user's input has been idle for a while. */
    AWAY,
    /** Busy, do not disturb: the user's clients play no sounds and show no pop-ups. */
    BUSY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state a request names, exactly as spelled on the wire.
     *
     * @throws ProtocolException {@code invalid_field} for anything else
     */
    public static PresenceState fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wire)).findFirst()
                .orElseThrow(() -> new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'state' must be \"available\", \"away\" or \"busy\""));
    }

    /**
     * The state an appliance reports, read leniently: a newer appliance may report a state this client does not
     * know, which it shows as available (§7.20).
     */
    public static PresenceState reported(String wire) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wire)).findFirst().orElse(AVAILABLE);
    }
}
