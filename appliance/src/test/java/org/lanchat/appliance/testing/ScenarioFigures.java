package org.lanchat.appliance.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures a scenario measured, appended as tab-separated lines (scenario, size, name, value) to
 * {@code target/reliability/figures.tsv}, the file {@code reliability/Report.java} renders into
 * docs/RELIABILITY.md. Also logged, so a build log shows them.
 */
public final class ScenarioFigures {
    private static final Logger log = LoggerFactory.getLogger(ScenarioFigures.class);
    private static final Path FILE = Path.of(System.getProperty("lanchat.reliability.dir", "target/reliability"), "figures.tsv");

    private ScenarioFigures() {
    }

    public static synchronized void record(String scenario, String name, Object value) {
        String size = Boolean.getBoolean("lanchat.reliability.full") ? "full" : "ci";
        log.info("FIGURE {} [{}] {} = {}", scenario, size, name, value);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, scenario + "\t" + size + "\t" + name + "\t" + value + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("could not record {}: {}", name, e.getMessage());
        }
    }
}
