package org.lanchat.installer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the package tests need from the machine. Missing pieces skip a test with the reason, except
 * under {@code CI=true}, where CI provides them (.ci/run) and their absence is a failure.
 */
final class Requirements {
    private static final List<String> PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Requirements() {
    }

    static void tools(String... tools) {
        List<String> missing = new ArrayList<>();
        for (String tool : tools) {
            if (PATH.stream().noneMatch(dir -> Files.isExecutable(Path.of(dir, tool)))) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            unavailable("missing " + String.join(", ", missing) + " (Debian packages that .ci/run installs)");
        }
    }

    static void linux() {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            unavailable("this is not Linux");
        }
    }

    static void root() {
        if (!isRoot()) {
            unavailable("not running as root");
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI must be able to run the package tests, but: " + reason);
        }
        Assumptions.abort("Skipping the package tests: " + reason);
    }
}
