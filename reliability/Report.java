import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Renders docs/RELIABILITY.md from reliability/RELIABILITY.template.md and what the scenarios recorded:
 * reliability/target/reliability/figures.tsv (scenario, size, figure, value), .../catalogue.tsv (the bad-input
 * table), reliability/fuzzing.tsv (the fuzzing runs) and the Surefire reports (which tests ran and
 * passed). Run by reliability/run.sh; by hand: {@code java reliability/Report.java} from the repository root.
 *
 * <p>Template markers: {@code {{figures PREFIX}}} (the figures of every scenario whose name starts with
 * PREFIX), {@code {{value SCENARIO|FIGURE}}}, {@code {{sum FIGURE}}} (over all scenarios), {@code {{results}}},
 * {@code {{catalogue}}}, {@code {{fuzzing}}}, {@code {{fuzz executions}}}, {@code {{corpus}}}, {@code {{sizes}}},
 * {@code {{date}}}. A figure that was not recorded renders as "not run".
 */
public final class Report {
    private static final Path ROOT = Path.of(".");
    private static final Path FIGURES = ROOT.resolve("reliability/target/reliability/figures.tsv");
    private static final Path CATALOGUE = ROOT.resolve("reliability/target/reliability/catalogue.tsv");
    private static final Path FUZZING = ROOT.resolve("reliability/fuzzing.tsv");
    private static final Path CORPUS = ROOT.resolve("protocol/src/test/resources/org/lanchat/protocol/fuzz");
    private static final Path TEMPLATE = ROOT.resolve("reliability/RELIABILITY.template.md");
    private static final Path OUT = ROOT.resolve("docs/RELIABILITY.md");
    private static final Pattern MARKER = Pattern.compile("\\{\\{([^}]*)}}");

    /** scenario -> figure -> value, in the order first recorded; and scenario -> sizes seen. */
    private final Map<String, Map<String, String>> figures = new LinkedHashMap<>();
    private final Map<String, String> sizes = new TreeMap<>();

    public static void main(String[] args) throws Exception {
        new Report().run();
    }

    private void run() throws Exception {
        if (Files.exists(FIGURES)) {
            for (String line : Files.readAllLines(FIGURES, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", 4);
                if (f.length == 4) {
                    figures.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[2], f[3]);
                    sizes.merge(f[0], f[1], (a, b) -> a.contains(b) ? a : a + "+" + b);
                }
            }
        }
        String template = Files.readString(TEMPLATE, StandardCharsets.UTF_8);
        Matcher m = MARKER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String content = m.group(1).trim();
            String marker = content.equals("fuzz executions") ? content : content.split(" ", 2)[0];
            String argument = content.length() > marker.length() ? content.substring(marker.length() + 1) : null;
            m.appendReplacement(out, Matcher.quoteReplacement(expand(marker, argument)));
        }
        m.appendTail(out);
        Files.writeString(OUT, out.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote " + OUT + " (" + figures.size() + " scenarios with figures)");
    }

    private String expand(String marker, String argument) throws Exception {
        return switch (marker) {
            case "figures" -> figureTables(argument);
            case "value" -> {
                String[] parts = argument.split("\\|", 2);
                Map<String, String> scenario = figures.getOrDefault(parts[0], Map.of());
                yield scenario.getOrDefault(parts[1], "not run");
            }
            case "sum" -> {
                long sum = 0;
                boolean any = false;
                for (Map<String, String> scenario : figures.values()) {
                    String v = scenario.get(argument);
                    if (v != null && v.matches("\\d+")) {
                        sum += Long.parseLong(v);
                        any = true;
                    }
                }
                yield any ? String.format("%,d", sum) : "not run";
            }
            case "results" -> results();
            case "catalogue" -> catalogue();
            case "fuzzing" -> fuzzing();
            case "fuzz executions" -> String.format("%,d", fuzzRows().stream().mapToLong(r -> Long.parseLong(r[3])).sum());
            case "corpus" -> corpus();
            case "sizes" -> sizes.values().stream().distinct().sorted().reduce((a, b) -> a + ", " + b).map(s -> s.replace("ci", "CI sizes (`mvn verify`)")
                    .replace("full", "full sizes (`-Dlanchat.reliability.full=true`)")).orElse("none: nothing was run");
            case "date" -> LocalDate.now().toString();
            default -> throw new IllegalArgumentException("unknown marker {{" + marker + "}}");
        };
    }

    private String figureTables(String prefix) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Map<String, String>> scenario : figures.entrySet()) {
            if (!scenario.getKey().startsWith(prefix)) {
                continue;
            }
            b.append("| ").append(scenario.getKey()).append(" (").append(sizes.get(scenario.getKey())).append(" size) | |\n|---|---|\n");
            scenario.getValue().forEach((name, value) -> b.append("| ").append(cell(name)).append(" | ").append(cell(value)).append(" |\n"));
            b.append('\n');
        }
        return b.isEmpty() ? "*Not run for this report.*\n" : b.toString().stripTrailing() + "\n";
    }

    /** One row per test class of the suite: what ran, what passed. */
    private String results() throws Exception {
        StringBuilder b = new StringBuilder("| test class | tests | failed | skipped | seconds |\n|---|---|---|---|---|\n");
        List<Path> reports = new ArrayList<>();
        for (String dir : List.of("reliability/target/surefire-reports", "protocol/target/surefire-reports",
                "appliance/target/surefire-reports")) {
            Path d = ROOT.resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> files = Files.list(d)) {
                    files.filter(p -> p.getFileName().toString().matches("TEST-org\\.lanchat\\.(reliability\\.(fault|hostile|invariant)|protocol\\.fuzz)\\..*\\.xml"))
                            .sorted().forEach(reports::add);
                }
            }
        }
        for (Path p : reports) {
            Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile()).getDocumentElement();
            String name = suite.getAttribute("name").replaceFirst("^org\\.lanchat\\.(reliability\\.)?", "");
            int failed = Integer.parseInt(suite.getAttribute("failures")) + Integer.parseInt(suite.getAttribute("errors"));
            b.append("| `").append(name).append("` | ").append(suite.getAttribute("tests")).append(" | ")
                    .append(failed == 0 ? "0" : "**" + failed + "**").append(" | ").append(suite.getAttribute("skipped"))
                    .append(" | ").append(String.format("%.0f", Double.parseDouble(suite.getAttribute("time")))).append(" |\n");
        }
        return reports.isEmpty() ? "*No test reports found.*\n" : b.toString();
    }

    private String catalogue() throws IOException {
        if (!Files.exists(CATALOGUE)) {
            return "*Not run for this report.*\n";
        }
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CATALOGUE, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 3);
            if (f.length == 3) {
                rows.put(f[0], f);
            }
        }
        StringBuilder b = new StringBuilder("| # | input | state | answer (each checked) |\n|---|---|---|---|\n");
        int n = 0;
        for (String[] f : rows.values()) {
            b.append("| ").append(++n).append(" | ").append(cell(f[0])).append(" | ").append(f[1]).append(" | ").append(cell(f[2])).append(" |\n");
        }
        return b.toString();
    }

    private List<String[]> fuzzRows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(FUZZING, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line.split("\t", 5));
            }
        }
        return rows;
    }

    private String fuzzing() throws IOException {
        StringBuilder b = new StringBuilder("| date | fuzz test | seconds | executions | found |\n|---|---|---|---|---|\n");
        for (String[] r : fuzzRows()) {
            b.append("| ").append(r[0]).append(" | `").append(r[1]).append("` | ").append(r[2]).append(" | ")
                    .append(String.format("%,d", Long.parseLong(r[3]))).append(" | ").append(cell(r[4])).append(" |\n");
        }
        return b.toString();
    }

    /** How many inputs each fuzz test replays in every build. */
    private String corpus() throws IOException {
        StringBuilder b = new StringBuilder("| fuzz test | inputs replayed by `mvn verify` |\n|---|---|\n");
        try (Stream<Path> classes = Files.list(CORPUS)) {
            for (Path c : classes.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> methods = Files.list(c)) {
                    for (Path method : methods.filter(Files::isDirectory).sorted().toList()) {
                        try (Stream<Path> inputs = Files.list(method)) {
                            b.append("| `").append(c.getFileName().toString().replace("Inputs", "")).append('#').append(method.getFileName())
                                    .append("` | ").append(inputs.count()).append(" |\n");
                        }
                    }
                }
            }
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
