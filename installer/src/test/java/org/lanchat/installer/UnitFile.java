package org.lanchat.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a systemd unit file, section by section, as systemd reads them: {@code Key=value}
 * lines, comments and blank lines skipped, a key given several times keeps every value in order, an
 * empty assignment resets the list. Only what the package's unit uses: no line continuations, no
 * specifiers (a {@code %} makes {@link #words} fail rather than guess).
 */
final class UnitFile {
    private final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();

    private UnitFile() {
    }

    static UnitFile read(Path file) {
        UnitFile unit = new UnitFile();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> section = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = unit.sections.computeIfAbsent(line.substring(1, line.length() - 1), name -> new LinkedHashMap<>());
                continue;
            }
            if (section == null || !line.contains("=") || line.endsWith("\\")) {
                throw new IllegalArgumentException(file + ": cannot read line: " + raw);
            }
            String key = line.substring(0, line.indexOf('=')).strip();
            String value = line.substring(line.indexOf('=') + 1).strip();
            List<String> values = section.computeIfAbsent(key, k -> new ArrayList<>());
            if (value.isEmpty()) {
                values.clear();
            }
            values.add(value);
        }
        return unit;
    }

    /** Every value given to {@code key} in {@code section}, in order (empty if never set). */
    List<String> all(String section, String key) {
        return List.copyOf(sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of()));
    }

    /** The value in effect: the last one given. */
    String get(String section, String key) {
        List<String> values = all(section, key);
        if (values.isEmpty()) {
            throw new AssertionError("the unit sets no " + key + "= in [" + section + "]");
        }
        return values.getLast();
    }

    boolean has(String section, String key) {
        return !all(section, key).isEmpty();
    }

    /** {@code ExecStart=} as the words systemd passes to execve (plain words and double quotes). */
    List<String> execStart() {
        return words(get("Service", "ExecStart"));
    }

    /** Every {@code Environment=} assignment, in order. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : all("Service", "Environment")) {
            for (String assignment : words(line)) {
                environment.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
            }
        }
        return environment;
    }

    /** Splits a command line or assignment list as systemd does for the cases the package uses. */
    static List<String> words(String value) {
        if (value.contains("%") || value.contains("'") || value.contains("\\") || value.contains("$")) {
            throw new IllegalArgumentException("specifiers, single quotes, escapes and variables are not handled here: " + value);
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quotes: " + value);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
