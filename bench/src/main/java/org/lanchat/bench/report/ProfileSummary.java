package org.lanchat.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads async-profiler's collapsed stacks (one line per distinct stack, thread first, then a sample
 * count) and says where the CPU time went: by thread kind, by what the code was doing, and the methods
 * that burned it themselves. Written next to the flame graph for docs/PERFORMANCE.md.
 */
public final class ProfileSummary {
    /** What a stack was doing, tried in order; the first match wins. */
    private static final Map<String, Predicate<String>> ACTIVITIES = activities();

    private ProfileSummary() {
    }

    private static Map<String, Predicate<String>> activities() {
        Map<String, Predicate<String>> a = new LinkedHashMap<>();
        a.put("JIT compiler", s -> s.contains("CompileBroker") || s.startsWith("[C1 CompilerThread") || s.startsWith("[C2 CompilerThread"));
        a.put("garbage collector", s -> s.startsWith("[GC ") || s.contains("G1ConcurrentRefine") || s.startsWith("[G1 "));
        a.put("password hashing (argon2)", s -> s.contains("Argon2"));
        a.put("TLS", s -> s.contains("SslHandler") || s.contains("sun/security/ssl"));
        a.put("database (H2, JDBC, pool)", s -> s.contains("org/h2/") || s.contains("com/mysql/") || s.contains("com/zaxxer/"));
        a.put("socket writes (syscall)", s -> s.contains("writev") || s.contains("__send") || s.contains("Socket.send")
                || s.contains("Socket.write") || s.contains("IovArray"));
        a.put("socket reads (syscall)", s -> s.contains("Socket.recv") || s.contains("Socket.read") || s.contains("readAddress"));
        a.put("JSON encode/decode (Jackson)", s -> s.contains("com/fasterxml/jackson"));
        a.put("Netty pipeline and outbound buffers", s -> s.contains("io/netty/channel/AbstractChannelHandlerContext")
                || s.contains("ChannelOutboundBuffer"));
        a.put("event loop waiting/wakeups", s -> s.contains("epoll_wait") || s.contains("EpollIoHandler.epollWait")
                || s.contains("eventfd"));
        a.put("LAN Chat code", s -> s.contains("org/lanchat/"));
        return a;
    }

    public static String summarize(Path collapsed) throws IOException {
        Map<String, Long> byThread = new LinkedHashMap<>();
        Map<String, Long> byActivity = new LinkedHashMap<>();
        Map<String, Long> self = new LinkedHashMap<>();
        long total = 0;
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long n = Long.parseLong(line.substring(space + 1).strip());
            String stack = line.substring(0, space);
            List<String> frames = List.of(stack.split(";"));
            total += n;
            byThread.merge(threadKind(frames.get(0)), n, Long::sum);
            String activity = ACTIVITIES.entrySet().stream().filter(e -> e.getValue().test(stack))
                    .map(Map.Entry::getKey).findFirst().orElse("other");
            byActivity.merge(activity, n, Long::sum);
            self.merge(frames.get(frames.size() - 1), n, Long::sum);
        }
        StringBuilder out = new StringBuilder();
        out.append("CPU samples (1 ms of CPU each): ").append(total).append("\n\nBy thread:\n");
        append(out, byThread, total, 12);
        out.append("\nBy activity (first match in the stack):\n");
        append(out, byActivity, total, 20);
        out.append("\nHottest frames (self time):\n");
        append(out, self, total, 25);
        return out.toString();
    }

    /** Thread names without their number: "lanchat-io-3" and "lanchat-io-1" are the same kind. */
    private static String threadKind(String thread) {
        return thread.replaceAll("\\s*tid=\\d+", "").replaceAll("[#\\-\\s]*\\d+]$", "]");
    }

    private static void append(StringBuilder out, Map<String, Long> counts, long total, int limit) {
        out.append(counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .map(e -> String.format("  %5.1f%%  %s", 100.0 * e.getValue() / total, e.getKey()))
                .collect(Collectors.joining("\n"))).append('\n');
    }
}
