package org.lanchat.appliance.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.store.UserStore.ShownName;
import org.lanchat.protocol.ErrorCode;

/** What a display name may be (PROTOCOL §7.17), with real names and real spoofs; no database. */
class DisplayNamesTest {

    @Test
    void namesInAnyOneScriptAreAccepted() {
        for (String name : new String[] {"张伟", "José", "Ольга", "Αλέξανδρος", "محمد", "佐藤 ひなた", "김민준", "Anne-Marie O'Neil", "R2-D2"}) {
            assertThat(DisplayNames.check(name).name()).as(name).isEqualTo(name);
        }
    }

    @Test
    void composedAndDecomposedAreStoredAsOneName() {
        ShownName composed = DisplayNames.check("Jos\u00e9");
        ShownName decomposed = DisplayNames.check("Jose\u0301");
        assertThat(decomposed.name()).isEqualTo(composed.name()).isEqualTo("José");
        assertThat(decomposed.skeletons()).isEqualTo(composed.skeletons());
    }

    @Test
    void spacesAreTrimmedAndCollapsedAndABlankNameClears() {
        assertThat(DisplayNames.check("  Ann   Lee ").name()).isEqualTo("Ann Lee");
        assertThat(DisplayNames.check("   ")).isSameAs(ShownName.NONE);
        assertThat(DisplayNames.check("")).isSameAs(ShownName.NONE);
        assertThat(DisplayNames.check(null)).isSameAs(ShownName.NONE);
    }

    @Test
    void invisibleDirectionAndControlCharactersAreRefused() {
        assertInvalid("evil\u202Emoc.exe", "direction"); // right-to-left override
        assertInvalid("al\u200Dice", "invisible");        // zero-width joiner
        assertInvalid("al\u200Bice", "invisible");        // zero-width space
        assertInvalid("alice\u2066", "direction");        // left-to-right isolate
        assertInvalid("ali\u00ADce", "invisible");        // soft hyphen
        assertInvalid("a\u3164b", "invisible");           // Hangul filler
        assertInvalid("bob\u2800", "invisible");          // Braille blank: drawn as nothing, no property says so
        assertInvalid("\u2800bob", "invisible");
        assertInvalid("b\uD834\uDD59ob", "invisible");     // musical null notehead, U+1D159
        // The no-break space: the message names the one space allowed and, apart, the character found.
        assertInvalid("Ann\u00A0Lee", "whitespace other than the plain space (U+0020): it has U+00A0");
        assertInvalid("bob\uE000", "private-use");
        assertInvalid("bob\u0085", "control");
    }

    @Test
    void aMarkRepeatedOnOneLetterIsRefusedComposedOrNotAndSaidSo() {
        // Each draws as one accent: é́ looks like é. Composed, the first mark hides inside the precomposed letter.
        for (String name : new String[] {"e\u0301\u0301", "A\u0301\u0301", "Jose\u0301\u0301", "u\u0308\u0308",
                "b\u0301\u0301", "Bob\u0308\u0308", "\u00e9\u0301"}) {
            assertInvalid(name, "repeat an accent");
        }
        assertThat(DisplayNames.check("e\u0301\u0300").name()).as("two different marks are two marks")
                .isEqualTo("\u00e9\u0300");
        assertThat(DisplayNames.check("Zoë Gräfin").name()).isEqualTo("Zoë Gräfin");
    }

    @Test
    void aMixOfScriptsThatCanPassForAnotherNameIsRefused() {
        assertInvalid("\u0420\u0430\u0443\u0440\u0430l", "scripts"); // Cyrillic Раура + Latin l, reads as Paypal
        assertInvalid("\u0430lice", "scripts");                        // Cyrillic а + Latin lice
        assertInvalid("B\u03b1nk", "scripts");                          // Greek α among Latin, reads as Bank
        assertThat(DisplayNames.check("Tanaka 田中").name()).as("Latin with Han is usual").isEqualTo("Tanaka 田中");
    }

    @Test
    void aWholeScriptLookAlikeSharesTheSkeletonOfTheNameItImitates() {
        // Every letter Cyrillic: one script, so not refused here; the store refuses it when "coco" exists.
        assertThat(DisplayNames.check("\u0441\u043e\u0441\u043e").skeletons())
                .containsAnyElementsOf(ConfusableNames.skeletons("coco"));
        assertThat(DisplayNames.check("Alice").skeletons()).containsAnyElementsOf(ConfusableNames.skeletons("alice"));
    }

    @Test
    void nameLengthIsBoundedInCharactersNotBytes() {
        assertThat(DisplayNames.check("伟".repeat(DisplayNames.MAX_CODE_POINTS)).name()).hasSize(32);
        assertInvalid("a".repeat(DisplayNames.MAX_CODE_POINTS + 1), "at most 32");
    }

    private static void assertInvalid(String name, String saying) {
        assertThatThrownBy(() -> DisplayNames.check(name)).as(name)
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_DISPLAY_NAME))
                .hasMessageContaining(saying);
    }
}
