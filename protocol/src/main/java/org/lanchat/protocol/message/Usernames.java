package org.lanchat.protocol.message;

import java.util.Locale;
import java.util.Optional;

/**
 * The username rule: 3 to 32 characters, ASCII letters and digits plus {@code . _ -}, starting with a
 * letter or digit. Names are unique ignoring case ({@link #key}). ASCII only on purpose: case-folding and
 * look-alike characters across scripts would let two people hold names nobody can tell apart.
 */
public final class Usernames {
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 32;

    private Usernames() {
    }

    /**
     * Whether {@code name} follows the rule's shape. A loop, not a regular expression: every private message the
     * appliance relays names its conversation by a username, and a {@code Matcher} each time was about 2% of
     * everything the appliance allocated under load.
     */
    public static boolean hasValidShape(String name) {
        if (name == null || name.length() < MIN_LENGTH || name.length() > MAX_LENGTH || !isAsciiLetterOrDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** Why {@code name} cannot be registered, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("username is required");
        }
        if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
            return Optional.of("username must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (!hasValidShape(name)) {
            return Optional.of("username may contain only letters A-Z, digits and . _ - and must start with a letter or digit");
        }
        return Optional.empty();
    }

    /** The case-insensitive identity of a name, used for uniqueness and lookups. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
