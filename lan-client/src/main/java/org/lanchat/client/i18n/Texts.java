package org.lanchat.client.i18n;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import org.lanchat.client.core.FileTrouble;

/**
 * Every sentence the desktop app shows, looked up by key in {@code messages*.properties} next to this class
 * (English is the base bundle, {@code _zh_CN} Simplified Chinese). Arguments are formatted with {@link MessageFormat},
 * so a translation can reorder them ("{0} is typing…" / "{0} 正在输入…").
 *
 * <p>The language is chosen once at start ({@link #use}) from the user's setting or the system locale; windows read
 * their texts when they are built, so a change of language takes effect at the next start.
 */
public final class Texts {
    static final String BUNDLE = "org.lanchat.client.i18n.messages";

    private static volatile ResourceBundle bundle = load(Locale.getDefault());

    private Texts() {
    }

    /** Speak {@code locale}'s language from now on (English when no bundle matches it). */
    public static void use(Locale locale) {
        bundle = load(Objects.requireNonNull(locale));
    }

    /** The locale whose texts are in use: {@link Locale#ROOT} for the English base bundle. */
    public static Locale locale() {
        return bundle.getLocale();
    }

    /** The text for {@code key} with {@code arguments} filled in; a missing key shows as itself, never as an error. */
    public static String text(String key, Object... arguments) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(arguments);
    }

    /** Why a file could not be used, in words: the kind of trouble, or the operating system's own words for the rest. */
    public static String trouble(IOException failure) {
        FileTrouble trouble = FileTrouble.of(failure);
        return trouble == FileTrouble.OTHER ? FileTrouble.reason(failure) : text("fileTrouble." + trouble.name());
    }

    private static ResourceBundle load(Locale locale) {
        // No fallback to the JVM's default locale: the base bundle (English) is the fallback, whatever the system says.
        return ResourceBundle.getBundle(BUNDLE, locale, Texts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
