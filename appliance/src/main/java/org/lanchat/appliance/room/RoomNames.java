package org.lanchat.appliance.room;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import org.lanchat.appliance.account.ConfusableNames;
import org.lanchat.appliance.account.DisplayNames;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * A room's name and topic as stored (PROTOCOL §7.23): NFC, without white space at either end, and without the
 * characters a display name may not hold (invisible ones, those that turn text around, other white space than the
 * space: a room called {@code Genera\u200Bl} or {@code \u202EGeneral} passed for General). A name must keep a
 * character; a public room's name is unique among public rooms not archived by its lower-cased form, and may not look
 * like another's ({@link #lookAlike}).
 */
final class RoomNames {
    private RoomNames() {
    }

    static String name(String given) {
        String name = Normalizer.normalize(given, Normalizer.Form.NFC).strip();
        if (name.isEmpty()) {
            throw new Refused(ErrorCode.INVALID_FIELD, "a room needs a name that is not only white space");
        }
        return checked(name, "name");
    }

    /** The topic as stored, null for none (absent, empty or only white space). */
    static String topic(String given) {
        if (given == null) {
            return null;
        }
        String topic = Normalizer.normalize(given, Normalizer.Form.NFC).strip();
        return topic.isEmpty() ? null : checked(topic, "topic");
    }

    private static String checked(String text, String what) {
        text.codePoints().forEach(cp -> {
            String problem = DisplayNames.problem(cp);
            if (problem != null) {
                throw new Refused(ErrorCode.INVALID_FIELD, "a room's " + what + " must not contain " + problem + ": it has U+"
                        + String.format(Locale.ROOT, "%04X", cp));
            }
        });
        return text;
    }

    /** Whether two rooms' names look alike (Unicode TS #39 skeletons, as login and display names are compared). */
    static boolean lookAlike(String one, String other) {
        Set<String> skeletons = ConfusableNames.skeletons(one);
        return ConfusableNames.skeletons(other).stream().anyMatch(skeletons::contains);
    }

    /** What two public rooms' names may not share; null for a room whose name need not be unique. */
    static String publicKey(String name, boolean privateRoom, boolean archived) {
        return privateRoom || archived ? null : name.toLowerCase(Locale.ROOT);
    }
}
