package org.lanchat.protocol.message;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The username rule: 3 to 32 characters, ASCII letters and digits plus {@code . _ -}, starting with a
 * letter or digit. Names are unique ignoring case ({@link #key}). ASCII only on purpose: case-folding and
 * look-alike characters across scripts would let two people hold names nobody can tell apart.
 */
public final class Usernames {
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{" + (MIN_LENGTH - 1) + "," + (MAX_LENGTH - 1) + "}");

    private Usernames() {
    }

    public static boolean hasValidShape(String name) {
        return name != null && SHAPE.matcher(name).matches();
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
