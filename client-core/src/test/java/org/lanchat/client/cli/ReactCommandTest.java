package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lanchat.protocol.message.Reactions;

/** The newcomer's 'lanchat react 38 ❤' was refused: U+2764 alone is shown as text, and a reaction must be an emoji. */
class ReactCommandTest {
    @Test
    void aBareEmojiCharacterShownAsTextGetsTheEmojiVariationSelector() {
        assertThat(Reactions.isReaction("\u2764")).as("the protocol's rule, unchanged").isFalse();
        assertThat(ReactCommand.withEmojiPresentation("\u2764")).isEqualTo("\u2764\uFE0F")
                .satisfies(heart -> assertThat(Reactions.isReaction(heart)).isTrue());
        assertThat(ReactCommand.withEmojiPresentation("\u263A")).isEqualTo("\u263A\uFE0F"); // ☺
        assertThat(ReactCommand.withEmojiPresentation("\u00A9")).isEqualTo("\u00A9\uFE0F"); // ©
    }

    @Test
    void anEmojiAlreadyShownAsOneIsSentAsTyped() {
        assertThat(ReactCommand.withEmojiPresentation("\uD83D\uDC4D")).isEqualTo("\uD83D\uDC4D"); // 👍
        assertThat(ReactCommand.withEmojiPresentation("\u2764\uFE0F")).isEqualTo("\u2764\uFE0F");
        assertThat(ReactCommand.withEmojiPresentation("\uD83D\uDC4D\uD83C\uDFFD")).isEqualTo("\uD83D\uDC4D\uD83C\uDFFD");
    }

    @Test
    void lettersDigitsAndKeycapBasesAreLeftToBeRefused() {
        for (String typed : new String[] {"a", "1", "#", "*", "\u4E2D", "ok"}) {
            assertThat(ReactCommand.withEmojiPresentation(typed)).isEqualTo(typed);
            assertThat(Reactions.isReaction(ReactCommand.withEmojiPresentation(typed))).as(typed).isFalse();
        }
    }
}
