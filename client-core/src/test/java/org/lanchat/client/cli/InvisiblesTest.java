package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.SearchHit;

/** What a colleague's text cannot hide from a terminal: controls that reorder or conceal what follows them. */
class InvisiblesTest {
    @Test
    void aRightToLeftOverrideInAFileNameIsShownNotObeyed() {
        assertThat(Invisibles.visible("report\u202Efdp.exe")).isEqualTo("report<U+202E>fdp.exe");
    }

    @Test
    void isolatesEmbeddingsMarksTheByteOrderMarkAndTagsAreShownEachByItsCode() {
        assertThat(Invisibles.visible("a\u2066b\u2069c\u202Ad\u200Fe\uFEFFf")).isEqualTo(
                "a<U+2066>b<U+2069>c<U+202A>d<U+200F>e<U+FEFF>f");
        assertThat(Invisibles.visible("hi" + new String(Character.toChars(0xE0041))))
                .as("hidden text in tag characters").isEqualTo("hi<U+E0041>");
    }

    @Test
    void whatOnlyLooksUnusualIsLeftAlone() {
        String england = "\uD83C\uDFF4" + tags("gbeng") + new String(Character.toChars(0xE007F));
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // joined by U+200D
        for (String text : new String[] {"你好，世界", "שלום", england, family, "e\u0301", "tab\there"}) {
            assertThat(Invisibles.visible(text)).as(text).isEqualTo(text);
        }
        assertThat(Invisibles.visible("flag " + england + " then" + tags("x")))
                .as("tags after the flag's cancel tag are hidden text again")
                .isEqualTo("flag " + england + " then<U+E0078>");
    }

    @Test
    void aSearchHitIsPrintedWithItsControlsShown() {
        Lines lines = new Lines(false, ZoneOffset.UTC);
        SearchHit hit = new SearchHit(7, Conversation.GROUP, 3, "mallory", 0, "pay \u202Eoiram\u202C now");

        assertThat(lines.hit(hit, Optional.empty())).endsWith("<mallory> pay <U+202E>oiram<U+202C> now");
    }

    private static String tags(String letters) {
        StringBuilder tags = new StringBuilder();
        letters.chars().forEach(c -> tags.appendCodePoint(0xE0000 + c));
        return tags.toString();
    }
}
