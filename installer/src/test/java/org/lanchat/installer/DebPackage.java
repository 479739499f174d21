package org.lanchat.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code .deb} this build made (its path comes from the build), read with {@code dpkg-deb}. */
record DebPackage(Path file, String version) {
    static final String NAME = "lanchat-appliance";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** One line of {@code dpkg-deb --contents}: mode, owner/group, size, date, time, path (and a link target). */
    private static final Pattern CONTENTS_LINE = Pattern.compile("^(\\S+) (\\S+)/(\\S+)\\s+\\d+ \\S+ \\S+ \\./(\\S*)(?: -> .*)?$");

    /** One file in the package. */
    record Entry(String mode, String owner, String group) {
    }

    static DebPackage built() {
        Path file = Path.of(System.getProperty("lanchat.deb", "target/missing.deb"));
        String version = System.getProperty("lanchat.deb.version", "?");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("the build made no package at " + file + " (run: mvn verify)");
        }
        return new DebPackage(file, version);
    }

    String field(String name) {
        return Shell.run(TIMEOUT, "dpkg-deb", "--field", file.toString(), name).ok().output().strip();
    }

    /** Every path in the data part (directories end with "/"), with its mode and owner. */
    Map<String, Entry> contents() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : Shell.run(TIMEOUT, "dpkg-deb", "--contents", file.toString()).ok().output().split("\n")) {
            Matcher m = CONTENTS_LINE.matcher(line);
            if (m.matches() && !m.group(4).isEmpty()) {
                entries.put("/" + m.group(4), new Entry(m.group(1), m.group(2), m.group(3)));
            }
        }
        return entries;
    }

    /** Unpacks the files into {@code root}, as dpkg would install them there. */
    Path extractTo(Path root) {
        Shell.run(TIMEOUT, "dpkg-deb", "--extract", file.toString(), root.toString()).ok();
        return root;
    }

    /** Unpacks the control part (control, conffiles, maintainer scripts) into {@code dir}. */
    Path controlTo(Path dir) {
        Shell.run(TIMEOUT, "dpkg-deb", "--control", file.toString(), dir.toString()).ok();
        return dir;
    }

    /**
     * The same package with a higher version, as a rebuild would be: unpacked, its version raised, and
     * packed again with {@code dpkg-deb}.
     */
    DebPackage rebuiltAs(String newVersion, Path workDir) {
        try {
            Path tree = workDir.resolve("tree");
            Shell.run(TIMEOUT, "dpkg-deb", "--raw-extract", file.toString(), tree.toString()).ok();
            Path control = tree.resolve("DEBIAN").resolve("control");
            Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + newVersion));
            Path rebuilt = workDir.resolve(NAME + "_" + newVersion + "_amd64.deb");
            Shell.run(TIMEOUT, "dpkg-deb", "--root-owner-group", "-Zgzip", "-z1", "--build", tree.toString(), rebuilt.toString()).ok();
            return new DebPackage(rebuilt, newVersion);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
