package org.lanchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UsernamesTest {
    /** The rule as docs/PROTOCOL.md states it, written as the regular expression the check replaced. */
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,31}");

    @Test
    void namesOfThreeToThirtyTwoAsciiLettersDigitsAndDotUnderscoreDashStartingWithALetterOrDigitHaveTheShape() {
        assertThat(Usernames.hasValidShape("bob")).isTrue();
        assertThat(Usernames.hasValidShape("0day")).isTrue();
        assertThat(Usernames.hasValidShape("a.b_c-D")).isTrue();
        assertThat(Usernames.hasValidShape("a".repeat(32))).isTrue();
    }

    @Test
    void tooShortTooLongAWrongFirstCharacterOrAnyOtherCharacterDoesNot() {
        assertThat(Usernames.hasValidShape(null)).isFalse();
        assertThat(Usernames.hasValidShape("")).isFalse();
        assertThat(Usernames.hasValidShape("ab")).isFalse();
        assertThat(Usernames.hasValidShape("a".repeat(33))).isFalse();
        assertThat(Usernames.hasValidShape("_bob")).isFalse();
        assertThat(Usernames.hasValidShape(".bob")).isFalse();
        assertThat(Usernames.hasValidShape("bo b")).isFalse();
        assertThat(Usernames.hasValidShape("bob\n")).isFalse();
        assertThat(Usernames.hasValidShape("jos\u00e9")).isFalse(); // é: Latin-1, not ASCII
        assertThat(Usernames.hasValidShape("\uff42ob")).isFalse(); // fullwidth b
        assertThat(Usernames.hasValidShape("b\u0430b")).isFalse(); // Cyrillic a
    }

    @Test
    void agreesWithTheRuleOnHalfAMillionRandomNamesNearItsEdges() {
        // Characters around every boundary the rule has: the ranges' ends, their neighbours, and beyond ASCII.
        String alphabet = "AZaz09._-@[`{/:~ \u0000\u007f\u00e9\u0430\uff21";
        Random random = new Random(19);
        for (int i = 0; i < 500_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(36);
            for (int j = 0; j < length; j++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = name.toString();
            if (Usernames.hasValidShape(candidate) != RULE.matcher(candidate).matches()) {
                assertThat(Usernames.hasValidShape(candidate)).as(candidate).isEqualTo(RULE.matcher(candidate).matches());
            }
        }
    }
}
