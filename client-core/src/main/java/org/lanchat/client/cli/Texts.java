package org.lanchat.client.cli;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.lanchat.client.core.FileTrouble;

/**
 * Every sentence {@code lanchat} prints for people, looked up by key in {@code messages*.properties} next to this
 * class (English is the base bundle, {@code _zh_CN} Simplified Chinese); the language is {@link Language}'s choice.
 * Output for programs ({@code --json}) is never translated. Every pattern is a {@link MessageFormat}, with or without
 * arguments, so a translation may reorder them and an apostrophe is always written {@code ''}. The same bundle holds
 * picocli's help texts (keys starting {@code lanchat.}, {@code usage.} or {@code mixinStandardHelpOptions.}), which
 * picocli reads itself and formats its own way.
 */
final class Texts {
    static final String BUNDLE = "org.lanchat.client.cli.messages";

    private static volatile ResourceBundle bundle = load(Locale.getDefault(Locale.Category.DISPLAY));

    private Texts() {
    }

    static void use(Locale locale) {
        bundle = load(locale);
    }

    static ResourceBundle bundle() {
        return bundle;
    }

    /** The text for {@code key} with {@code arguments} filled in; a missing key prints as itself, never as an error. */
    static String text(String key, Object... arguments) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return new MessageFormat(pattern, bundle.getLocale()).format(arguments);
    }

    /** Why a file could not be used, in words: the kind of trouble, or the operating system's own words for the rest. */
    static String trouble(IOException failure) {
        FileTrouble trouble = FileTrouble.of(failure);
        return trouble == FileTrouble.OTHER ? FileTrouble.reason(failure) : text("fileTrouble." + trouble.name());
    }

    static ResourceBundle load(Locale locale) {
        // The base bundle (English), not the JVM's default locale, is the fallback for a language we do not speak.
        return ResourceBundle.getBundle(BUNDLE, locale, Texts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
