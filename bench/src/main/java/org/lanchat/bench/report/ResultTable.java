package org.lanchat.bench.report;

import java.util.ArrayList;
import java.util.List;

/** The summary table: one row per metric, our value, the references', ratios, target and verdict. */
public final class ResultTable {
    /** One line of the table; every cell already formatted. */
    public record Row(String workload, String metric, String lanChat, String nats, String mosquitto,
                      String oursOverNats, String oursOverMosquitto, String target, String verdict) {
        List<String> cells() {
            return List.of(workload, metric, lanChat, nats, mosquitto, oursOverNats, oursOverMosquitto, target, verdict);
        }
    }

    private static final List<String> HEADER = List.of("workload", "metric", "LAN Chat", "NATS", "Mosquitto",
            "ours/NATS", "ours/Mosquitto", "target", "verdict");

    private ResultTable() {
    }

    /** Aligned plain text for a terminal. */
    public static String render(List<Row> rows) {
        return render(HEADER, rows.stream().map(Row::cells).toList(), 2, 6);
    }

    /** A table of {@code lines} under {@code header}, columns {@code firstNumber} to {@code lastNumber} right-aligned. */
    static String render(List<String> header, List<List<String>> lines, int firstNumber, int lastNumber) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(lines);
        int[] width = new int[header.size()];
        for (List<String> cells : all) {
            for (int i = 0; i < cells.size(); i++) {
                width[i] = Math.max(width[i], cells.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int line = 0; line < all.size(); line++) {
            List<String> cells = all.get(line);
            for (int i = 0; i < cells.size(); i++) {
                String cell = cells.get(i);
                boolean right = i >= firstNumber && i <= lastNumber;
                String pad = " ".repeat(width[i] - cell.length());
                out.append(right ? pad + cell : cell + pad).append(i < cells.size() - 1 ? "  " : "");
            }
            out.append('\n');
            if (line == 0) {
                for (int i = 0; i < width.length; i++) {
                    out.append("-".repeat(width[i])).append(i < width.length - 1 ? "  " : "");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** The same as a Markdown table, for docs/PERFORMANCE.md. */
    public static String markdown(List<Row> rows) {
        return markdown(HEADER, rows.stream().map(Row::cells).toList());
    }

    static String markdown(List<String> header, List<List<String>> lines) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append(" --- |".repeat(header.size())).append('\n');
        for (List<String> cells : lines) {
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return out.toString();
    }
}
