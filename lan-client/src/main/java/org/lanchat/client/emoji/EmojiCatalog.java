package org.lanchat.client.emoji;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The emoji the image set can draw, read from {@value #INDEX} (written by the build, one emoji per line:
 * key, short name, category, sort order, non-qualified key).
 *
 * <p>{@link #split} finds emoji in text by longest match, so a family or a flag sequence becomes one
 * picture rather than several; a variation selector (U+FE0F) that the text has and the set does not, or the
 * other way round, does not prevent a match. Skin-tone modifiers (U+1F3FB to U+1F3FF) stay in the text but
 * are drawn in the set's default tone: the build leaves the set's skin-tone variants out, which keeps the
 * client about 5 MB smaller, and a picture in the default tone reads better than the bare modifier square.
 */
public final class EmojiCatalog {
    public static final String INDEX = "/emoji/index.tsv";
    public static final String IMAGE_DIRECTORY = "/emoji/64/";
    private static final int VARIATION_SELECTOR = 0xFE0F;
    private static final int FIRST_SKIN_TONE = 0x1F3FB;
    private static final int LAST_SKIN_TONE = 0x1F3FF;
    /** Room for what a match may span beyond the longest key: selectors and a skin tone per person. */
    private static final int MODIFIER_SLACK = 4;

    private final List<Emoji> all;
    private final Map<String, Emoji> byKey;
    private final int longest;

    EmojiCatalog(List<Emoji> emoji, Map<String, String> aliases) {
        List<Emoji> sorted = new ArrayList<>(emoji);
        sorted.sort(java.util.Comparator.comparingInt(Emoji::sortOrder));
        this.all = List.copyOf(sorted);
        Map<String, Emoji> keys = new HashMap<>();
        int max = 1;
        for (Emoji e : sorted) {
            keys.put(e.key(), e);
            String plain = stripModifiers(e.key());
            if (!plain.isEmpty()) {
                keys.putIfAbsent(plain, e);
            }
            max = Math.max(max, e.key().split("-").length);
        }
        aliases.forEach((alias, key) -> {
            if (keys.containsKey(key)) {
                keys.putIfAbsent(alias, keys.get(key));
            }
        });
        this.byKey = keys;
        this.longest = max;
    }

    /** The catalog on the class path; empty (no pictures, text stays text) if the build did not provide one. */
    public static EmojiCatalog load() {
        try (InputStream in = EmojiCatalog.class.getResourceAsStream(INDEX)) {
            if (in == null) {
                return new EmojiCatalog(List.of(), Map.of());
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the emoji index " + INDEX, e);
        }
    }

    static EmojiCatalog parse(InputStream in) throws IOException {
        List<Emoji> emoji = new ArrayList<>();
        Map<String, String> aliases = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 4) {
                throw new IOException("malformed emoji index line: " + line);
            }
            emoji.add(new Emoji(f[0], f[1], f[2], Integer.parseInt(f[3])));
            if (f.length > 4 && !f[4].isEmpty()) {
                aliases.put(f[4], f[0]);
            }
        }
        return new EmojiCatalog(emoji, aliases);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** Every emoji in the set's order. */
    public List<Emoji> all() {
        return all;
    }

    /** The emoji grouped by category, categories in the set's order. */
    public Map<String, List<Emoji>> byCategory() {
        Map<String, List<Emoji>> groups = new LinkedHashMap<>();
        for (Emoji e : all) {
            groups.computeIfAbsent(e.category(), c -> new ArrayList<>()).add(e);
        }
        groups.replaceAll((c, list) -> Collections.unmodifiableList(list));
        return Collections.unmodifiableMap(groups);
    }

    /** The emoji that is exactly this text (a sticker's emoji, say). */
    public Optional<Emoji> find(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        int[] cps = text.codePoints().toArray();
        return Optional.ofNullable(lookup(cps, 0, cps.length));
    }

    /** Splits text into plain runs and emoji the set can draw. */
    public List<TextRun> split(String text) {
        List<TextRun> runs = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < cps.length) {
            Emoji match = null;
            int matched = 0;
            if (cps[i] > 0x7F || cps[i] == '#' || cps[i] == '*' || Character.isDigit(cps[i])) {
                for (int n = Math.min(longest + MODIFIER_SLACK, cps.length - i); n >= 1; n--) {
                    Emoji candidate = lookup(cps, i, n);
                    if (candidate != null && !(n == 1 && isPlainCharacter(cps[i]))) {
                        match = candidate;
                        matched = n;
                        break;
                    }
                }
            }
            if (match == null) {
                plain.appendCodePoint(cps[i]);
                i++;
                continue;
            }
            if (!plain.isEmpty()) {
                runs.add(new TextRun.Plain(plain.toString()));
                plain.setLength(0);
            }
            runs.add(new TextRun.Picture(match, new String(cps, i, matched)));
            i += matched;
        }
        if (!plain.isEmpty()) {
            runs.add(new TextRun.Plain(plain.toString()));
        }
        return runs;
    }

    /**
     * Digits, '#' and '*' alone are text (only their keycap sequences are emoji), and so are the Latin-1
     * signs © and ® unless an emoji variation selector follows: in "© 2024 ACME" they are letters.
     */
    private static boolean isPlainCharacter(int cp) {
        return cp < 0x100;
    }

    private Emoji lookup(int[] cps, int from, int count) {
        StringJoiner key = new StringJoiner("-");
        for (int k = from; k < from + count; k++) {
            // The set writes code points with at least four hex digits: the keycap "#" is 0023-fe0f-20e3.
            String hex = Integer.toHexString(cps[k]);
            key.add(hex.length() < 4 ? "0".repeat(4 - hex.length()) + hex : hex);
        }
        String exact = key.toString();
        Emoji found = byKey.get(exact);
        if (found != null) {
            return found;
        }
        String plain = stripModifiers(exact);
        return plain.isEmpty() ? null : byKey.get(plain);
    }

    /** The key without variation selectors and skin tones: how the set's emoji and the text's are compared. */
    private static String stripModifiers(String key) {
        StringJoiner stripped = new StringJoiner("-");
        for (String part : key.split("-")) {
            int cp = Integer.parseInt(part, 16);
            if (cp != VARIATION_SELECTOR && (cp < FIRST_SKIN_TONE || cp > LAST_SKIN_TONE)) {
                stripped.add(part);
            }
        }
        return stripped.toString();
    }
}
