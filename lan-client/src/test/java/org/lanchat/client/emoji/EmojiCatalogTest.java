package org.lanchat.client.emoji;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Splitting text into plain runs and pictures with the image set the build bundles (emoji-datasource-google):
 * sequences joined by U+200D, variation selectors present or missing, and skin-tone modifiers.
 */
class EmojiCatalogTest {
    private static final EmojiCatalog CATALOG = EmojiCatalog.load();
    private static final String ZWJ = "\u200D";
    private static final String VS16 = "\uFE0F";
    private static final String MEDIUM_SKIN = "\uD83C\uDFFD"; // U+1F3FD
    private static final String MAN = "\uD83D\uDC68";
    private static final String WOMAN = "\uD83D\uDC69";
    private static final String GIRL = "\uD83D\uDC67";
    private static final String LAPTOP = "\uD83D\uDCBB";
    private static final String THUMBS_UP = "\uD83D\uDC4D";
    private static final String HEART = "\u2764";
    private static final String KISS_MARK = "\uD83D\uDC8B";

    @Test
    void theBuildBundlesTheImageSet() {
        assertThat(CATALOG.isEmpty()).isFalse();
        assertThat(CATALOG.all()).hasSizeGreaterThan(1000);
    }

    @Test
    void plainTextIsOneRunAndDigitsAloneAreNotKeycaps() {
        assertThat(CATALOG.split("meet at 10 # 3 * 4")).containsExactly(new TextRun.Plain("meet at 10 # 3 * 4"));
    }

    @Test
    void aFamilyJoinedByZeroWidthJoinersIsOnePicture() {
        String family = MAN + ZWJ + WOMAN + ZWJ + GIRL;
        List<TextRun> runs = CATALOG.split("our " + family + "!");

        assertThat(runs).hasSize(3);
        assertThat(runs.get(0)).isEqualTo(new TextRun.Plain("our "));
        assertThat(picture(runs.get(1)).emoji().key()).isEqualTo("1f468-200d-1f469-200d-1f467");
        assertThat(picture(runs.get(1)).text()).isEqualTo(family);
        assertThat(runs.get(2)).isEqualTo(new TextRun.Plain("!"));
    }

    @Test
    void aJoinedSequenceTheSetDoesNotHaveFallsBackToItsParts() {
        // U+1F4BB LAPTOP joined to U+1F467 GIRL is no emoji: two pictures, the joiner stays as text.
        List<TextRun> runs = CATALOG.split(GIRL + ZWJ + LAPTOP);

        assertThat(runs).hasSize(3);
        assertThat(picture(runs.get(0)).emoji().key()).isEqualTo("1f467");
        assertThat(runs.get(1)).isEqualTo(new TextRun.Plain(ZWJ));
        assertThat(picture(runs.get(2)).emoji().key()).isEqualTo("1f4bb");
    }

    @Test
    void aHeartMatchesWithAndWithoutItsVariationSelector() {
        List<TextRun> bare = CATALOG.split(HEART);
        List<TextRun> selected = CATALOG.split(HEART + VS16);

        assertThat(bare).singleElement().satisfies(run -> assertThat(picture(run).emoji().key()).isEqualTo("2764-fe0f"));
        assertThat(selected).singleElement().satisfies(run -> {
            assertThat(picture(run).emoji().key()).isEqualTo("2764-fe0f");
            assertThat(picture(run).text()).isEqualTo(HEART + VS16);
        });
    }

    @Test
    void aKissSequenceWrittenWithoutItsInnerVariationSelectorIsStillOnePicture() {
        String withoutSelector = WOMAN + ZWJ + HEART + ZWJ + KISS_MARK + ZWJ + MAN;

        assertThat(CATALOG.split(withoutSelector)).singleElement()
                .satisfies(run -> assertThat(picture(run).emoji().key()).isEqualTo("1f469-200d-2764-fe0f-200d-1f48b-200d-1f468"));
    }

    @Test
    void aKeycapIsOnePictureWhileTheBareDigitStaysText() {
        List<TextRun> runs = CATALOG.split("#" + VS16 + "\u20E3 and #");

        assertThat(picture(runs.getFirst()).emoji().key()).isEqualTo("0023-fe0f-20e3");
        assertThat(runs.get(1)).isEqualTo(new TextRun.Plain(" and #"));
    }

    @Test
    void theCopyrightSignIsTextUnlessTheEmojiSelectorFollows() {
        assertThat(CATALOG.split("\u00A9 2024 ACME")).containsExactly(new TextRun.Plain("\u00A9 2024 ACME"));
        assertThat(picture(CATALOG.split("\u00A9" + VS16).getFirst()).emoji().key()).isEqualTo("00a9-fe0f");
    }

    @Test
    void aSkinToneIsKeptInTheTextAndDrawnInTheDefaultTone() {
        List<TextRun> runs = CATALOG.split(THUMBS_UP + MEDIUM_SKIN + " ok");

        assertThat(runs).hasSize(2);
        assertThat(picture(runs.getFirst()).emoji().key()).isEqualTo("1f44d");
        assertThat(picture(runs.getFirst()).text()).isEqualTo(THUMBS_UP + MEDIUM_SKIN);
        assertThat(runs.get(1)).isEqualTo(new TextRun.Plain(" ok"));
    }

    @Test
    void aSkinToneInsideAJoinedSequenceDoesNotBreakIt() {
        String technologist = WOMAN + MEDIUM_SKIN + ZWJ + LAPTOP;

        assertThat(CATALOG.split(technologist)).singleElement().satisfies(run -> {
            assertThat(picture(run).emoji().key()).isEqualTo("1f469-200d-1f4bb");
            assertThat(picture(run).text()).isEqualTo(technologist);
        });
    }

    @Test
    void aSkinToneOnItsOwnIsText() {
        assertThat(CATALOG.split("tone " + MEDIUM_SKIN)).containsExactly(new TextRun.Plain("tone " + MEDIUM_SKIN));
    }

    @Test
    void findNamesAStickersEmojiExactly() {
        assertThat(CATALOG.find("\uD83D\uDE00")).hasValueSatisfying(e -> assertThat(e.shortName()).isEqualTo("grinning"));
        assertThat(CATALOG.find("not an emoji")).isEmpty();
    }

    private static TextRun.Picture picture(TextRun run) {
        assertThat(run).isInstanceOf(TextRun.Picture.class);
        return (TextRun.Picture) run;
    }
}
