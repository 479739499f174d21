package org.lanchat.appliance.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sets keys in the appliance's properties file and keeps everything else (comments, order, other keys)
 * as the admin wrote it. A key that is set replaces its active line; otherwise it takes the place of its
 * commented-out example ({@code # database = ...}); otherwise it is appended.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    static void set(Path file, Map<String, String> values) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
        Map<String, String> remaining = new LinkedHashMap<>(values);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            int active = find(lines, entry.getKey(), false);
            int at = active >= 0 ? active : find(lines, entry.getKey(), true);
            if (at >= 0) {
                lines.set(at, entry.getKey() + " = " + escape(entry.getValue()));
                remaining.remove(entry.getKey());
            }
        }
        remaining.forEach((key, value) -> lines.add(key + " = " + escape(value)));
        writeAtomically(file, String.join("\n", lines) + "\n", null);
    }

    /** Writes {@code text} through a temporary file and a rename; {@code mode} null keeps the old file's mode. */
    static void writeAtomically(Path file, String text, Set<PosixFilePermission> mode) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Set<PosixFilePermission> permissions = mode != null ? mode
                : Files.exists(file) ? Files.getPosixFilePermissions(file) : PosixFilePermissions.fromString("rw-r--r--");
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, permissions);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static int find(List<String> lines, String key, boolean commented) {
        Pattern pattern = Pattern.compile((commented ? "^\\s*[#!]\\s*" : "^\\s*") + Pattern.quote(key) + "\\s*[=:\\s]");
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    /** Properties-file escaping for the characters our values can contain. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
