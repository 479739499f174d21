package org.lanchat.client.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The language {@code lanchat} speaks and whether its output must be UTF-8, chosen from {@code --lang}, else
 * {@code $LANCHAT_LANG}, else the POSIX locale variables ({@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG}), else the
 * JVM's default. The variables are read here rather than left to the JVM because the JVM only honours a locale the
 * system has installed: on a machine without {@code zh_CN.UTF-8} generated, {@code LANG=zh_CN.UTF-8} would give
 * English in ASCII.
 *
 * @param locale the bundle's locale: {@link Locale#ENGLISH} or {@link Locale#SIMPLIFIED_CHINESE}
 * @param utf8   whether the locale says UTF-8 (the codeset of {@code LC_ALL}, {@code LC_CTYPE} or {@code LANG}), or the
 *               language needs more than a non-Unicode terminal encoding can hold
 */
record Language(Locale locale, boolean utf8) {
    static final String OPTION = "--lang";
    static final String VARIABLE = "LANCHAT_LANG";

    /**
     * The language an option or {@code $LANCHAT_LANG} names: {@code en}, or {@code zh-CN} (also {@code zh_CN}, {@code zh},
     * and a locale such as {@code zh_CN.UTF-8}, which the launcher passes on when the system lacks that locale).
     */
    static Optional<Locale> named(String name) {
        String tag = name.strip().split("[.@]", 2)[0].replace('_', '-').toLowerCase(Locale.ROOT);
        if (tag.equals("en") || tag.startsWith("en-")) {
            return Optional.of(Locale.ENGLISH);
        }
        if (tag.equals("zh") || tag.equals("zh-cn") || tag.equals("zh-hans") || tag.equals("zh-hans-cn")) {
            return Optional.of(Locale.SIMPLIFIED_CHINESE);
        }
        return Optional.empty();
    }

    /**
     * @param option what {@code --lang} said, or null; a language we do not speak is the caller's usage error
     * @param env    the environment
     */
    static Language choose(String option, Map<String, String> env, Locale jvmDefault) {
        Optional<Locale> chosen = Optional.ofNullable(option).flatMap(Language::named)
                .or(() -> Optional.ofNullable(env.get(VARIABLE)).flatMap(Language::named))
                .or(() -> first(env, "LC_ALL", "LC_MESSAGES", "LANG").map(Language::posix));
        Locale locale = supported(chosen.orElse(jvmDefault));
        boolean utf8 = first(env, "LC_ALL", "LC_CTYPE", "LANG").map(Language::saysUtf8).orElse(false);
        return new Language(locale, utf8);
    }

    /** {@code --lang X} or {@code --lang=X} among the arguments, before a {@code --} that ends the options. */
    static String option(String[] args) {
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(OPTION + "=")) {
                return args[i].substring(OPTION.length() + 1);
            }
        }
        return null;
    }

    /** The charset to print in: UTF-8 when the locale says so or the terminal's could not show the language. */
    Charset charset(Charset terminal) {
        if (utf8 || (!locale.getLanguage().equals("en") && !terminal.newEncoder().canEncode("中文"))) {
            return StandardCharsets.UTF_8;
        }
        return terminal;
    }

    private static Optional<String> first(Map<String, String> env, String... names) {
        return Stream.of(names).map(env::get).filter(v -> v != null && !v.isBlank()).findFirst();
    }

    /** {@code zh_CN.UTF-8@modifier} as a locale; {@code C} and {@code POSIX} are English. */
    private static Locale posix(String value) {
        String name = value.split("[.@]", 2)[0];
        if (name.equals("C") || name.equals("POSIX")) {
            return Locale.ENGLISH;
        }
        return named(name).orElseGet(() -> Locale.forLanguageTag(name.replace('_', '-')));
    }

    private static boolean saysUtf8(String value) {
        int dot = value.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String codeset = value.substring(dot + 1).split("@", 2)[0].replace("-", "").toLowerCase(Locale.ROOT);
        return codeset.equals("utf8");
    }

    /** Simplified Chinese for any Chinese but Traditional, English for every language we have no bundle for. */
    private static Locale supported(Locale locale) {
        boolean traditional = locale.getScript().equals("Hant")
                || Stream.of("TW", "HK", "MO").anyMatch(locale.getCountry()::equals);
        return locale.getLanguage().equals("zh") && !traditional ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }
}
