package org.lanchat.bench;

import static org.lanchat.bench.Progress.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanchat.bench.report.ResultTable.Row;

/**
 * W8's desktop rows: the desktop client's app image, as the Debian package ships it, from launch to its first window
 * and to its start page, on a first launch after an installation and on later ones. The launches themselves are
 * {@code bench/client-start.sh --image}'s (a virtual display, xwininfo, the client's log line); this runs it and turns
 * its medians into rows, so that bench/run.sh reports the desktop beside the appliance.
 */
final class DesktopStartup {
    static final Path IMAGE_LAUNCHER = Path.of("installer", "target", "desktop", "image", "lanchat", "bin", "lanchat");
    private static final Path SCRIPT = Path.of("bench", "client-start.sh");
    private static final Pattern MEDIANS = Pattern.compile("first launch (\\d+) ms \\(CPU (\\d+) ms, start page (\\d+) ms\\),"
            + " with the archive (\\d+) ms \\(CPU (\\d+) ms, start page (\\d+) ms\\)");
    private static final long TARGET_MILLIS = 2000;

    private DesktopStartup() {
    }

    /** Rows for {@code launches} alternated first and later launches, or one row saying why there are none. */
    static List<Row> measure(int launches, Runner runner) throws IOException, InterruptedException {
        String missing = !Files.isExecutable(IMAGE_LAUNCHER) ? "no app image: mvn -pl installer -am package -DskipTests"
                : !onPath("Xvfb") || !onPath("xwininfo") ? "no virtual display: apt-get install xvfb x11-utils libgtk-3-0"
                : null;
        if (missing != null) {
            log("W8 desktop: not measured, " + missing);
            return List.of(new Row("W8 desktop", "app image → first window", "not measured: " + missing, "-", "-", "-",
                    "-", "≤ 2,000", "-"));
        }
        log("W8 desktop, " + launches + " first and later launches of the app image");
        Path output = runner.work().resolve("w8-desktop.log");
        Process process = new ProcessBuilder(SCRIPT.toString(), Integer.toString(launches), "--image")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("the desktop launches took longer than 10 minutes; see " + output);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Matcher m = MEDIANS.matcher(printed);
        if (process.exitValue() != 0 || !m.find()) {
            throw new IOException("the desktop launches failed (exit " + process.exitValue() + "); see " + output);
        }
        long firstWindow = Long.parseLong(m.group(1));
        long firstPage = Long.parseLong(m.group(3));
        long laterWindow = Long.parseLong(m.group(4));
        long laterPage = Long.parseLong(m.group(6));
        log("  first window after " + firstWindow + " ms on a first launch, " + laterWindow + " ms later (start page "
                + firstPage + " / " + laterPage + " ms)");
        runner.raw("W8 desktop", Map.of("firstLaunchWindowMillis", firstWindow, "firstLaunchStartPageMillis", firstPage,
                "laterWindowMillis", laterWindow, "laterStartPageMillis", laterPage, "launches", launches));
        String which = "ms: first launch / later launches (median of " + launches + ")";
        return List.of(
                new Row("W8 desktop", "app image → first window, " + which, Stats.number(firstWindow, 0) + " / " + Stats.number(laterWindow, 0),
                        "-", "-", "-", "-", "≤ 2,000", laterWindow <= TARGET_MILLIS ? "met" : "missed"),
                new Row("W8 desktop", "app image → start page (sign-in or appliance list), " + which,
                        Stats.number(firstPage, 0) + " / " + Stats.number(laterPage, 0), "-", "-", "-", "-", "-", "-"));
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
