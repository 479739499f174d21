package org.lanchat.client.cli;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * A table for people on a terminal, its columns aligned by the columns each character takes there: two for a wide
 * or full-width character (Unicode East Asian Width W or F: 张伟, ＡＢ, most emoji), none for a combining mark or a
 * format character, one for the rest. Ambiguous characters (A) count one, as terminals outside CJK locales show them.
 */
final class Columns {
    private static final String GAP = "  ";

    private Columns() {
    }

    /** Terminal columns {@code text} takes. */
    static int width(String text) {
        return text.codePoints().map(Columns::width).sum();
    }

    private static int width(int codePoint) {
        int type = UCharacter.getType(codePoint);
        if (type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.ENCLOSING_MARK
                || type == UCharacterCategory.FORMAT || type == UCharacterCategory.CONTROL) {
            return 0;
        }
        int eastAsian = UCharacter.getIntPropertyValue(codePoint, UProperty.EAST_ASIAN_WIDTH);
        return eastAsian == UCharacter.EastAsianWidth.WIDE || eastAsian == UCharacter.EastAsianWidth.FULLWIDTH ? 2 : 1;
    }

    /** The rows as lines, each cell but the last padded to its column's widest, with no trailing spaces. */
    static List<String> format(List<List<String>> rows) {
        List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                int w = width(row.get(i));
                if (i == widths.size()) {
                    widths.add(w);
                } else {
                    widths.set(i, Math.max(widths.get(i), w));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths.get(i) - width(cell))).append(GAP);
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
