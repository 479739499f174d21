package org.lanchat.client.core;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * A file name from someone else made safe to save under (PROTOCOL.md §7.24): the name a message carries is whatever
 * the sender's computer called the file, so it may hold path separators ({@code ../../.bashrc}), control characters,
 * a Windows device name ({@code CON}, {@code LPT1}) or trailing dots and spaces Windows drops. A saved file is never
 * opened or run by LAN Chat; this only keeps it where the user asked and under a name that is one name.
 */
public final class FileNames {
    /** Most file systems take 255 bytes; this many UTF-16 units stays under that for most scripts. */
    static final int MAX_CHARS = 120;
    static final String FALLBACK = "file";
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private FileNames() {
    }

    /** One file name, never empty, never a path, never {@code .} or {@code ..}, never a device name. */
    public static String safe(String name) {
        StringBuilder kept = new StringBuilder();
        String source = name == null ? "" : name;
        // Only the last path element: a name such as "C:\\Users\\x\\report.pdf" or "../../x" keeps its last part.
        int cut = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        source = source.substring(cut + 1);
        source.codePoints().forEach(c -> {
            boolean unsafe = Character.isISOControl(c) || c == ':' || c == '*' || c == '?' || c == '"' || c == '<'
                    || c == '>' || c == '|' || Character.getType(c) == Character.FORMAT;
            kept.appendCodePoint(unsafe ? '_' : c);
        });
        String cleaned = kept.toString().strip();
        while (cleaned.endsWith(".") || cleaned.endsWith(" ")) {
            cleaned = cleaned.substring(0, cleaned.length() - 1);
        }
        while (cleaned.startsWith(".")) { // no hidden files, and never "." or ".."
            cleaned = cleaned.substring(1);
        }
        if (cleaned.length() > MAX_CHARS) {
            int dot = cleaned.lastIndexOf('.');
            String extension = dot > 0 && cleaned.length() - dot <= 16 ? cleaned.substring(dot) : "";
            int end = MAX_CHARS - extension.length();
            if (Character.isLowSurrogate(cleaned.charAt(end))) {
                end--;
            }
            cleaned = cleaned.substring(0, end) + extension;
        }
        if (cleaned.isEmpty()) {
            return FALLBACK;
        }
        int dot = cleaned.indexOf('.');
        String stem = (dot < 0 ? cleaned : cleaned.substring(0, dot)).toUpperCase(Locale.ROOT);
        return RESERVED.contains(stem) ? "_" + cleaned : cleaned;
    }

    /**
     * Where to save a file called {@code name} in {@code directory} without replacing one already there: the name
     * itself if free, else {@code report (1).pdf}, {@code report (2).pdf} and so on, as browsers do.
     */
    public static Path free(Path directory, String name) {
        Path candidate = directory.resolve(name);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = directory.resolve(stem + " (" + n + ")" + extension);
        }
        return candidate;
    }
}
