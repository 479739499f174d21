package org.lanchat.reliability.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measured figures of a scenario, appended as tab-separated lines (scenario, size, name, value) to
 * {@code target/reliability/figures.tsv}; {@code reliability/run.sh} turns them into the table in
 * docs/RELIABILITY.md. Also logged, so a CI log shows them too.
 */
public final class Figures {
    private static final Logger log = LoggerFactory.getLogger(Figures.class);
    private static final Path FILE = Path.of(System.getProperty("lanchat.reliability.dir", "target/reliability"), "figures.tsv");

    private Figures() {
    }

    /** One row of a named table (the bad-input catalogue), appended to {@code target/reliability/<table>.tsv}. */
    public static synchronized void row(String table, String... cells) {
        append(FILE.resolveSibling(table + ".tsv"), String.join("\t", cells) + "\n", table);
    }

    public static synchronized void record(String scenario, String name, Object value) {
        String line = scenario + "\t" + Scale.name() + "\t" + name + "\t" + value + "\n";
        log.info("FIGURE {} [{}] {} = {}", scenario, Scale.name(), name, value);
        append(FILE, line, name);
    }

    private static void append(Path file, String line, String what) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("could not record {}: {}", what, e.getMessage());
        }
    }
}
