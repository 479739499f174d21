package org.lanchat.bench.server;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A live-object class histogram as {@code jcmd PID GC.class_histogram} prints it, and what grew between two of
 * them. W1 takes one before the login storm and one while every client is held, so the growth divided by the
 * clients is what each connection keeps, class by class, without a heap dump.
 */
public record HeapHistogram(Map<String, Entry> byClass) {
    /** Instances and shallow bytes of one class. */
    public record Entry(long instances, long bytes) {
    }

    /** "   1:        101099        8682776  [B (java.base@25.0.3)": rank, instances, bytes, class name. */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Reads jcmd's output; lines that are not histogram rows (the header, the total) are skipped. */
    public static HeapHistogram parse(String jcmdOutput) {
        Map<String, Entry> byClass = new HashMap<>();
        for (String line : jcmdOutput.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                byClass.merge(m.group(3), new Entry(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                        (a, b) -> new Entry(a.instances + b.instances, a.bytes + b.bytes));
            }
        }
        return new HeapHistogram(Map.copyOf(byClass));
    }

    /**
     * The {@code top} classes whose bytes grew most from {@code before} to this histogram, per {@code per} units
     * (connections), as a table: bytes and instances per unit, then the class.
     */
    public String growthPer(HeapHistogram before, long per, int top) {
        Entry none = new Entry(0, 0);
        Map<String, Entry> grown = Stream.concat(byClass.keySet().stream(), before.byClass.keySet().stream())
                .distinct()
                .collect(Collectors.toMap(name -> name, name -> {
                    Entry now = byClass.getOrDefault(name, none);
                    Entry was = before.byClass.getOrDefault(name, none);
                    return new Entry(now.instances - was.instances, now.bytes - was.bytes);
                }));
        long total = grown.values().stream().mapToLong(Entry::bytes).sum();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "live heap growth per connection (%d connections): %.0f bytes%n%10s %10s  %s%n",
                per, (double) total / per, "bytes", "instances", "class"));
        grown.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Entry> e) -> e.getValue().bytes).reversed())
                .limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "%10.1f %10.2f  %s%n",
                        (double) e.getValue().bytes / per, (double) e.getValue().instances / per, e.getKey())));
        return out.toString();
    }
}
