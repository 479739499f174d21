package org.lanchat.appliance.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names people cannot tell apart share a skeleton; names they can, do not. */
class ConfusableNamesTest {
    @ParameterizedTest(name = "{0} looks like {1}")
    @CsvSource({
        "aIice, alice",        // capital i for l
        "a1ice, alice",        // one for l
        "AIice, Alice",
        "rnary, mary",         // r n for m
        "Mary, rnary",         // ... also when the other spelling is capitalised
        "b0b, bob",            // zero for o
        "B0B, bob",
        "0scar, Oscar",
        "vvill, will",         // v v for w
        "alice_, alice",       // punctuation at the end
        "alice., alice",
        "alice-, alice",
        "alice._-, alice",
        "ALICE, alice",        // the same name in another case shares one too
        "ALIce_, alice",       // as shown it reads ALlce, but it is the account reached as alice_
        "AIice, ALICE",
        "l1I, III",
        "ALlCE, alice",        // a small L: exactly alice in capitals
        "DAVlD, david",
        "ALlCE, ALICE",
        // display and room names (not ASCII): letters TS #39's data leaves alone
        "Ｄan, dan",           // a full-width D, which confusables data does not map (its Ｇ it does)
        "ｄａｎ, dan",
        "Ｒex, rex",
        "Ｄesign, Design",
        "ʙob, bob",            // U+0299 LATIN LETTER SMALL CAPITAL B
        "ᴅᴀɴ, dan",            // small capitals throughout
        "ꞮVAN, ivan",          // U+A7AE LATIN CAPITAL LETTER SMALL CAPITAL I
    })
    void lookAlikesShareASkeleton(String one, String other) {
        assertThat(ConfusableNames.skeletons(one)).containsAnyElementsOf(ConfusableNames.skeletons(other));
    }

    @ParameterizedTest(name = "{0} is not {1}")
    @CsvSource({
        "alice, bob",
        "alice, alicia",
        "alice, aiice",        // a dotted i is not an l
        "john.smith, john_smith",
        "al.ice, alice",       // only punctuation at the end is folded
        "mary, many",
        "bob1, bob2",
        "lia, ila",            // real names that one merged class for i and l would have made one
        "eli, eii",
        "Ｄan, Don",
        "ʙob, rob",
    })
    void differentNamesKeepDifferentSkeletons(String one, String other) {
        assertThat(ConfusableNames.skeletons(one)).doesNotContainAnyElementsOf(ConfusableNames.skeletons(other));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm", "Mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm", "IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII"})
    void everySkeletonFitsItsColumn(String longest) {
        assertThat(ConfusableNames.skeletons(longest)).allSatisfy(s -> assertThat(s).hasSizeLessThanOrEqualTo(128).matches("[\\x20-\\x7e]+"));
    }
}
