package org.lanchat.launcher;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;

/**
 * Finds a Java runtime new enough for LAN Chat where Debian and the usual installers put them: {@code JAVA_HOME}
 * first, then the newest under {@code /usr/lib/jvm} (as {@code .ci/run} does for the build). A runtime's version is
 * read from its {@code release} file rather than by starting it, so looking costs no process per candidate.
 */
final class InstalledJdks {
    private InstalledJdks() {
    }

    /**
     * The home of a runtime of at least {@code required}: {@code javaHome} if it is one, else the newest in
     * {@code searchDir}; {@code null} if there is none. {@code javaHome} may be {@code null}.
     */
    static File find(String javaHome, File searchDir, int required) {
        if (javaHome != null && !javaHome.isEmpty() && feature(new File(javaHome)) >= required) {
            return new File(javaHome);
        }
        File[] candidates = searchDir.listFiles();
        if (candidates == null) {
            return null;
        }
        // Sorted so that equal versions resolve the same way every time (Debian's symlinks name the same runtime twice).
        Arrays.sort(candidates);
        File best = null;
        int bestFeature = required - 1;
        for (File candidate : candidates) {
            int feature = feature(candidate);
            if (feature > bestFeature) {
                best = candidate;
                bestFeature = feature;
            }
        }
        return best;
    }

    /**
     * A runtime in {@code searchDir} older than {@code feature} that can still load the launcher (Java 8 or newer), the
     * first by name; {@code null} if there is none. Tests start the launcher on it, as Debian 12's default 17 would.
     */
    static File olderThan(File searchDir, int feature) {
        File[] homes = searchDir.listFiles();
        if (homes == null) {
            return null;
        }
        Arrays.sort(homes);
        for (File home : homes) {
            int found = feature(home);
            if (found >= 8 && found < feature) {
                return home;
            }
        }
        return null;
    }

    /**
     * The feature release (8, 17, 25) of the runtime at {@code home}, or 0 if {@code home} has no {@code bin/java} or no
     * readable {@code release} file.
     */
    static int feature(File home) {
        if (!new File(home, "bin/java").canExecute()) {
            return 0;
        }
        Properties release = new Properties();
        try (InputStream in = new FileInputStream(new File(home, "release"))) {
            release.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = release.getProperty("JAVA_VERSION", "").replace("\"", "");
        return feature(version);
    }

    /** The feature release in a version string: "1.8.0_392" and "1.8" are 8, "17.0.15" is 17, "25" is 25; else 0. */
    static int feature(String version) {
        String[] parts = version.trim().split("[._+-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
