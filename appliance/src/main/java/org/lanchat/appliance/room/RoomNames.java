package org.lanchat.appliance.room;

import java.text.Normalizer;
import java.util.Locale;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * A room's name and topic as stored (PROTOCOL §7.23): NFC, without white space at either end. A name must keep a
 * character; a public room's name is unique among public rooms not archived by its lower-cased form.
 */
final class RoomNames {
    private RoomNames() {
    }

    static String name(String given) {
        String name = Normalizer.normalize(given, Normalizer.Form.NFC).strip();
        if (name.isEmpty()) {
            throw new Refused(ErrorCode.INVALID_FIELD, "a room needs a name that is not only white space");
        }
        return name;
    }

    /** The topic as stored, null for none (absent, empty or only white space). */
    static String topic(String given) {
        if (given == null) {
            return null;
        }
        String topic = Normalizer.normalize(given, Normalizer.Form.NFC).strip();
        return topic.isEmpty() ? null : topic;
    }

    /** What two public rooms' names may not share; null for a room whose name need not be unique. */
    static String publicKey(String name, boolean privateRoom, boolean archived) {
        return privateRoom || archived ? null : name.toLowerCase(Locale.ROOT);
    }
}
