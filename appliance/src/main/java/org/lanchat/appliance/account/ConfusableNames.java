package org.lanchat.appliance.account;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When two usernames look alike. Names are ASCII (§3.6), yet {@code aIice} (capital i) reads as
 * {@code alice}, {@code rnary} as {@code mary}, {@code b0b} as {@code bob}, {@code alice_} as {@code alice}:
 * two such accounts let one person pass for another. Each name is reduced to skeletons, and a skeleton
 * can belong to one account only.
 *
 * <p>A skeleton is Unicode TS #39's (ICU's {@link SpoofChecker#getSkeleton}, which among ASCII maps I and
 * 1 to l, 0 to O and m to rn), lower-cased and taken again (names are the same in any case, so
 * {@code Mary} meets {@code rnary} and {@code B0B} meets {@code bob}), then folded where TS #39 leaves
 * ASCII alone: {@code vv} reads as {@code w}, and punctuation at the end of a name is easily missed.
 *
 * <p>More than one skeleton, because case and look interfere at one letter: a capital I looks like a small l,
 * but the same name in small letters has an i. {@code ALICE} is shown as it was registered, where it reads as
 * {@code ALlCE}; and it is the account people reach as {@code alice}. So a name gets the skeleton of its
 * spelling and that of its lower-case form (the same unless it holds a capital I): {@code aIice} meets the
 * first of {@code alice}, {@code ALIce_} the second. And two that keep case, marked {@code ^}: of the spelling,
 * and of the name in capitals. {@code ALlCE} (a small L) looks exactly like {@code alice} in capitals, yet
 * lower-cased it is {@code allce}; kept in case, its skeleton {@code ^ALlCE} meets alice's capitals'. Case is
 * kept there so that a capital L stays apart from a small one: {@code AIICE} (for aiice) and {@code LIA} and
 * {@code ILA} do not read alike.
 *
 * <p>Before any of that, a name is read as plain letters: compatibility forms become what they stand for (NFKC, so
 * a full-width {@code Ｄan} is {@code Dan}; TS #39's data maps only some full-width letters) and small capitals
 * become their letter ({@code ʙob} is {@code bob}; no normalization or confusables entry relates them). Login
 * names are ASCII, which this leaves as it is; display and room names are not.
 */
public final class ConfusableNames {
    /** Thread-safe once built, as ICU documents. */
    private static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();
    /** Marks a skeleton that kept its case, so that it never meets one that did not by chance. */
    private static final String CASE_KEPT = "^";
    private static final Normalizer2 COMPATIBILITY = Normalizer2.getNFKCInstance();
    /** Each small capital letter (U+0299 LATIN LETTER SMALL CAPITAL B and the like) and the letter it shows. */
    private static final Map<Integer, String> SMALL_CAPITALS = smallCapitals();

    private ConfusableNames() {
    }

    /** The skeletons of a name: up to four, the spelling's first. */
    public static Set<String> skeletons(String name) {
        String plain = asPlainLetters(name);
        Set<String> all = new LinkedHashSet<>();
        all.add(skeleton(plain));
        all.add(skeleton(plain.toLowerCase(Locale.ROOT)));
        all.add(CASE_KEPT + foldedInCase(plain));
        all.add(CASE_KEPT + foldedInCase(plain.toUpperCase(Locale.ROOT)));
        return all;
    }

    /** The name with compatibility forms and small capitals read as the letters they show. */
    static String asPlainLetters(String name) {
        String plain = COMPATIBILITY.normalize(name);
        if (plain.chars().allMatch(c -> c < 0x80)) {
            return plain;
        }
        StringBuilder read = new StringBuilder(plain.length());
        plain.codePoints().forEach(c -> {
            String letter = SMALL_CAPITALS.get(c);
            if (letter == null) {
                read.appendCodePoint(c);
            } else {
                read.append(letter);
            }
        });
        return read.toString();
    }

    /**
     * Read from the characters' names rather than typed out, so that a small capital added to Unicode later is
     * covered by the JDK that knows it: every "LATIN LETTER SMALL CAPITAL X" in the blocks that hold them.
     */
    private static Map<Integer, String> smallCapitals() {
        Pattern named = Pattern.compile("LATIN (?:CAPITAL )?LETTER SMALL CAPITAL ([A-Z])");
        int[][] blocks = {{0x0250, 0x02AF}, {0x1D00, 0x1DBF}, {0xA720, 0xA7FF}, {0x10780, 0x107BF}, {0x1DF00, 0x1DFFF}};
        Map<Integer, String> letters = new HashMap<>();
        for (int[] block : blocks) {
            for (int c = block[0]; c <= block[1]; c++) {
                String name = Character.getName(c);
                Matcher m = name == null ? null : named.matcher(name);
                if (m != null && m.matches()) {
                    letters.put(c, m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return Map.copyOf(letters);
    }

    /** TS #39's skeleton, taken twice, with punctuation at the end dropped, in the case it comes in. */
    static String foldedInCase(String spelling) {
        return withoutTrailingPunctuation(CHECKER.getSkeleton(CHECKER.getSkeleton(spelling)));
    }

    static String skeleton(String spelling) {
        String once = CHECKER.getSkeleton(spelling).toLowerCase(Locale.ROOT);
        return withoutTrailingPunctuation(CHECKER.getSkeleton(once).toLowerCase(Locale.ROOT).replace("vv", "w"));
    }

    private static String withoutTrailingPunctuation(String folded) {
        int end = folded.length();
        while (end > 1 && isPunctuation(folded.charAt(end - 1))) {
            end--;
        }
        return folded.substring(0, end);
    }

    private static boolean isPunctuation(char c) {
        return c == '.' || c == '_' || c == '-';
    }
}
