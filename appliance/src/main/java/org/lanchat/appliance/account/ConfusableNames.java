package org.lanchat.appliance.account;

import com.ibm.icu.text.SpoofChecker;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

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
 */
public final class ConfusableNames {
    /** Thread-safe once built, as ICU documents. */
    private static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();
    /** Marks a skeleton that kept its case, so that it never meets one that did not by chance. */
    private static final String CASE_KEPT = "^";

    private ConfusableNames() {
    }

    /** The skeletons of a name: up to four, the spelling's first. */
    public static Set<String> skeletons(String username) {
        Set<String> all = new LinkedHashSet<>();
        all.add(skeleton(username));
        all.add(skeleton(username.toLowerCase(Locale.ROOT)));
        all.add(CASE_KEPT + foldedInCase(username));
        all.add(CASE_KEPT + foldedInCase(username.toUpperCase(Locale.ROOT)));
        return all;
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
