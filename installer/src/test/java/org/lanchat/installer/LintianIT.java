package org.lanchat.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * lintian, Debian's package checker, on the built package at every level it has (errors down to
 * pedantic and experimental tags). Each finding is either fixed or overridden in
 * {@code src/deb/lintian/lanchat-appliance} with a comment saying why it does not apply; an override
 * that no longer matches anything is reported by lintian itself ({@code unused-override}) and fails too.
 */
@Tag("slow")
class LintianIT {
    private static final Path OVERRIDES = Path.of(System.getProperty("lanchat.lintian.overrides",
            "src/deb/lintian/lanchat-appliance"));

    @Test
    void lintianFindsNothingThatIsNotExplained() {
        Requirements.linux();
        Requirements.tools("lintian");
        DebPackage deb = DebPackage.built();
        Shell.Result lintian = Shell.run(Duration.ofMinutes(5), "lintian", "--pedantic", "--display-info",
                "--display-experimental", "--fail-on", "error,warning,info,pedantic,experimental", deb.file().toString());
        List<String> findings = Arrays.stream(lintian.output().split("\n"))
                .filter(line -> line.matches("^[EWIPXO]: .*")).toList();
        assertThat(findings).as("lintian findings that are neither fixed nor explained in " + OVERRIDES).isEmpty();
        assertThat(lintian.exit()).as(lintian.output()).isZero();
    }

    @Test
    void everyOverrideIsExplainedByTheCommentAboveIt() throws IOException {
        List<String> unexplained = new ArrayList<>();
        boolean explained = false;
        for (String line : Files.readAllLines(OVERRIDES)) {
            if (line.isBlank()) {
                explained = false; // a comment covers the overrides that follow it up to the next blank line
            } else if (line.startsWith("#")) {
                explained = true;
            } else if (!explained) {
                unexplained.add(line);
            }
        }
        assertThat(unexplained).isEmpty();
        assertThat(Files.readAllLines(OVERRIDES)).as("the file has overrides").anyMatch(line -> line.startsWith("lanchat-appliance: "));
    }

    @Test
    void theOverridesShipInThePackageWhereLintianLooksForThem() {
        Requirements.linux();
        Requirements.tools("dpkg-deb");
        assertThat(DebPackage.built().contents()).containsKey("/usr/share/lintian/overrides/lanchat-appliance");
    }
}
