package org.lanchat.appliance.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The snippet a search hit shows (PROTOCOL.md §6.19). */
class SnippetsTest {
    @Test
    void aShortTextIsShownWholeOnOneLine() {
        assertThat(Snippets.of("  first line\n\tsecond  line \r\n", "second")).isEqualTo("first line second line");
    }

    @Test
    void aLongTextIsCutFortyUnitsBeforeTheMatch() {
        String text = "a".repeat(100) + "needle" + "b".repeat(200);

        String snippet = Snippets.of(text, "NEEDLE");

        assertThat(snippet).isEqualTo("…" + "a".repeat(40) + "needle" + "b".repeat(74) + "…");
    }

    @Test
    void aMatchNearTheEndShowsTheLast120Units() {
        String text = "a".repeat(200) + "needle";

        assertThat(Snippets.of(text, "needle")).isEqualTo("…" + "a".repeat(114) + "needle");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "\uD83D\uDE00".repeat(100); // 200 units of emoji

        String snippet = Snippets.of(text, "x");

        assertThat(snippet).endsWith("\uD83D\uDE00…").doesNotContain("\uD83D…");
        assertThat(snippet.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
        assertThat(snippet.length()).isEqualTo(120 + 1);
    }
}
