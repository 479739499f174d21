package org.lanchat.appliance.account;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import org.lanchat.appliance.core.Refused;
import org.lanchat.appliance.store.UserStore.ShownName;
import org.lanchat.protocol.ErrorCode;

/**
 * What a display name may be (PROTOCOL §7.17), checked once where it enters: a name in any script, but one a
 * reader can trust. The login name stays ASCII because it is what people type; the display name is what they
 * read, so what matters is how it looks. It is stored in NFC (a composed and a decomposed {@code José} are one
 * name), with runs of spaces made one and none at either end. Refused: control, format and other invisible
 * characters (zero-width joiners, bidi overrides that turn {@code evil‮moc.} around), every whitespace but the
 * space, unassigned and private-use code points, and a mix of scripts that Unicode TS #39 does not call
 * moderately restrictive ({@code аlice} with a Cyrillic а; Latin with Han and Kana is fine, Latin with Cyrillic
 * is not). ICU's {@link SpoofChecker} judges the scripts: a hand-written list would be wrong in ways nobody
 * notices until someone exploits it.
 *
 * <p>Whether the name looks like someone else's is a question for the store: its skeletons are
 * {@link ConfusableNames#skeletons}, the same as a login name's, so a display name is checked against both.
 */
public final class DisplayNames {
    /**
     * Characters drawn as empty space that are neither whitespace nor default-ignorable, so no property catches them:
     * {@code bob⠀} with a Braille blank looks exactly like {@code bob}.
     */
    private static final Set<Integer> DRAWN_BLANK = Set.of(
            0x2800,   // BRAILLE PATTERN BLANK
            0x1D159); // MUSICAL SYMBOL NULL NOTEHEAD

    /** In code points, after normalizing: room for a full name, not for a paragraph. */
    public static final int MAX_CODE_POINTS = 32;
    /** The skeleton column's width; a name whose skeleton is wider is refused as too long. */
    static final int MAX_SKELETON_CHARS = 128;

    /** Which account is in the way stays unsaid, as for login names (§3.6). */
    public static final String TAKEN = "the display name looks too much like another user's name; choose another";

    /** Thread-safe once built, as ICU documents. */
    private static final SpoofChecker CHECKER = new SpoofChecker.Builder()
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.INVISIBLE | SpoofChecker.MIXED_NUMBERS
                    | SpoofChecker.HIDDEN_OVERLAY)
            .build();

    private DisplayNames() {
    }

    /**
     * The name as it will be stored, with its skeletons; {@link ShownName#NONE} for null or a name that is
     * empty once spaces are trimmed (the user clears it).
     *
     * @throws Refused {@code invalid_display_name}, saying what is wrong
     */
    public static ShownName check(String raw) {
        if (raw == null) {
            return ShownName.NONE;
        }
        String name = collapseSpaces(Normalizer.normalize(raw, Normalizer.Form.NFC));
        if (name.isEmpty()) {
            return ShownName.NONE;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            String problem = problem(cp);
            if (problem != null) {
                throw invalid("the display name must not contain " + problem + ": it has U+"
                        + String.format(Locale.ROOT, "%04X", cp));
            }
            i += Character.charCount(cp);
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_CODE_POINTS) {
            throw invalid("the display name must be at most " + MAX_CODE_POINTS + " characters, not " + length);
        }
        if (repeatsAMark(name)) {
            throw invalid("the display name must not repeat an accent or other mark on one letter (it shows as one)");
        }
        if (CHECKER.failsChecks(name)) {
            throw invalid("the display name mixes scripts, or digits of different systems, in a way that can"
                    + " pass for another name; write it in one script (Latin may go with Han, Kana or Hangul)");
        }
        Set<String> skeletons = ConfusableNames.skeletons(name);
        if (skeletons.stream().anyMatch(s -> s.length() > MAX_SKELETON_CHARS)) {
            throw invalid("the display name is too long");
        }
        return new ShownName(name, skeletons);
    }

    /**
     * Whether a nonspacing mark repeats on one character, which draws as a single mark. Looked for in the decomposed
     * form: composed, {@code é} followed by another U+0301 hides the first one in a precomposed letter, and ICU's own
     * check of invisible repeats (which sees only what follows each base in the text it is given) lets it pass.
     */
    static boolean repeatsAMark(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        Set<Integer> marks = new java.util.HashSet<>();
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                marks.clear();
            } else if (!marks.add(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** What is wrong with one code point, or null; status texts (§7.20) and room names and topics follow the same rules. */
    public static String problem(int cp) {
        if (cp == ' ') {
            return null;
        }
        int type = Character.getType(cp);
        if (type == Character.CONTROL) {
            return "control characters";
        }
        if (UCharacter.hasBinaryProperty(cp, UProperty.BIDI_CONTROL)) {
            return "characters that change the direction of text";
        }
        if (type == Character.FORMAT || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                || DRAWN_BLANK.contains(cp)) {
            return "invisible characters";
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return "whitespace other than the plain space (U+0020)";
        }
        if (type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
            return "unassigned or private-use characters";
        }
        return null;
    }

    /** Only U+0020: other whitespace is refused, not silently dropped. */
    static String collapseSpaces(String name) {
        return name.replaceAll(" {2,}", " ").replaceAll("^ | $", "");
    }

    private static Refused invalid(String message) {
        return new Refused(ErrorCode.INVALID_DISPLAY_NAME, message);
    }
}
