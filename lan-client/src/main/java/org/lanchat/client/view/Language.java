package org.lanchat.client.view;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.lanchat.client.i18n.Texts;

/**
 * The languages the desktop app speaks, as the user chooses them: the system's (the default), English or Simplified
 * Chinese. Kept in the settings under {@value #SETTING} and given on the command line as {@code --lang=<tag>}.
 */
public enum Language {
    SYSTEM("system", null),
    ENGLISH("en", Locale.ENGLISH),
    SIMPLIFIED_CHINESE("zh-CN", Locale.SIMPLIFIED_CHINESE);

    static final String SETTING = "language";

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    String tag() {
        return tag;
    }

    /** The locale to speak: the system's for {@link #SYSTEM}, read when asked so a test can change it. */
    Locale locale() {
        return locale != null ? locale : Locale.getDefault();
    }

    /** What the choice is called in the settings; each language by its own name, so anyone can find theirs. */
    String label() {
        return switch (this) {
            case SYSTEM -> Texts.text("language.system");
            case ENGLISH -> "English";
            case SIMPLIFIED_CHINESE -> "简体中文";
        };
    }

    /** @throws IllegalArgumentException naming the known tags, for a tag that is none of them */
    static Language of(String tag) {
        return Arrays.stream(values()).filter(l -> l.tag.equalsIgnoreCase(tag.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(Texts.text("launch.unknownLanguage", tag,
                        Arrays.stream(values()).map(Language::tag).collect(Collectors.joining(", ")))));
    }

    /** The saved choice; {@link #SYSTEM} when none was saved or the file holds a tag this version does not know. */
    static Language saved(ClientSettings settings) {
        try {
            return of(settings.text(SETTING, SYSTEM.tag));
        } catch (IllegalArgumentException e) {
            return SYSTEM;
        }
    }

    /**
     * Speaks this language from now on. Set before the first window is built: JavaFX's own texts (OK, Cancel, a
     * field's Copy and Paste) follow the JVM's default locale, so an explicit choice changes that too.
     */
    void apply() {
        if (locale != null) {
            Locale.setDefault(locale);
        }
        Texts.use(locale());
    }

    @Override
    public String toString() {
        return label(); // what a ComboBox shows
    }
}
