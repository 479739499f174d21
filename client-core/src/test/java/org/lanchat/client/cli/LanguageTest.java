package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which language lanchat speaks: --lang, then $LANCHAT_LANG, then the POSIX locale as a C program reads it. */
class LanguageTest {
    private static final Locale JVM = Locale.US;

    private static Language choose(String option, Map<String, String> env) {
        return Language.choose(option, env, JVM);
    }

    @Test
    void theLocaleVariablesChooseInPosixOrder() {
        assertThat(choose(null, Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(new Language(Locale.SIMPLIFIED_CHINESE, true));
        assertThat(choose(null, Map.of("LANG", "zh_CN.UTF-8", "LC_MESSAGES", "en_GB.UTF-8")).locale()).isEqualTo(Locale.ENGLISH);
        assertThat(choose(null, Map.of("LC_MESSAGES", "zh_CN.UTF-8", "LC_ALL", "C.UTF-8")).locale()).isEqualTo(Locale.ENGLISH);
        assertThat(choose(null, Map.of("LC_ALL", "zh_CN.utf8@pinyin", "LANG", "C")))
                .isEqualTo(new Language(Locale.SIMPLIFIED_CHINESE, true));
        assertThat(choose(null, Map.of("LANG", "zh_CN.GB18030")).utf8()).isFalse();
    }

    @Test
    void langAndLanchatLangOverrideTheLocale() {
        Map<String, String> chinese = Map.of("LANG", "zh_CN.UTF-8");
        assertThat(choose("en", chinese).locale()).isEqualTo(Locale.ENGLISH);
        assertThat(choose(null, Map.of("LANG", "zh_CN.UTF-8", "LANCHAT_LANG", "en")).locale()).isEqualTo(Locale.ENGLISH);
        assertThat(choose("zh-CN", Map.of("LANCHAT_LANG", "en")).locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(choose("zh_CN", Map.of()).locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Language.named("fr")).isEmpty();
        assertThat(choose(null, Map.of("LANCHAT_LANG", "zh_CN.UTF-8", "LC_ALL", "C.UTF-8")))
                .as("as the launcher passes a locale the system lacks").isEqualTo(new Language(Locale.SIMPLIFIED_CHINESE, true));
    }

    @Test
    void languagesWithoutABundleAreEnglishAndNoVariableMeansTheJvmDefault() {
        assertThat(choose(null, Map.of("LANG", "fr_FR.UTF-8")).locale()).isEqualTo(Locale.ENGLISH);
        assertThat(choose(null, Map.of("LANG", "zh_TW.UTF-8")).locale()).as("Traditional").isEqualTo(Locale.ENGLISH);
        assertThat(choose(null, Map.of()).locale()).isEqualTo(Locale.ENGLISH);
        assertThat(Language.choose(null, Map.of(), Locale.CHINA).locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }

    @Test
    void chineseIsPrintedInUtf8WhenTheTerminalsEncodingCouldNotHoldIt() {
        assertThat(choose("zh-CN", Map.of("LANG", "C")).charset(StandardCharsets.US_ASCII)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(choose("en", Map.of("LANG", "C")).charset(StandardCharsets.US_ASCII)).isEqualTo(StandardCharsets.US_ASCII);
        assertThat(choose(null, Map.of("LANG", "en_US.UTF-8")).charset(StandardCharsets.US_ASCII)).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void theOptionIsFoundBeforePicocliParses() {
        assertThat(Language.option(new String[] {"send", "--lang", "zh-CN", "hi"})).isEqualTo("zh-CN");
        assertThat(Language.option(new String[] {"--lang=en", "--help"})).isEqualTo("en");
        assertThat(Language.option(new String[] {"send", "--", "--lang", "zh-CN"})).isNull();
    }
}
