package org.lanchat.discovery.netns;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The outside tools the namespace tests use as independent judges, and the scripts that drive them. */
final class NetnsTools {
    private NetnsTools() {
    }

    /** The tools come from Debian packages that {@code .ci/run} installs; elsewhere their absence skips. */
    static void require(String... tools) {
        List<String> missing = Arrays.stream(tools).filter(tool -> List.of("/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/")
                .stream().noneMatch(dir -> Files.isExecutable(Path.of(dir + tool)))).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = "missing " + missing + ": apt-get install avahi-daemon avahi-utils dbus dnsutils tcpdump";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI must install the mDNS tools (.ci/run): " + message);
        }
        Assumptions.abort("Skipping the checks by independent implementations: " + message);
    }

    /** A script next to the tests, such as {@code avahi-browse.sh}. */
    static Path script(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(NetnsTools.class.getResource(name), name).toURI());
    }
}
