package org.lanchat.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.discovery.netns.ChildJvm;
import org.lanchat.discovery.netns.NetnsLab;

/**
 * The unit's system call filter and address-family list hold what the appliance really does. systemd
 * is not running here to enforce them, so the appliance (the package's runtime and jar) runs under
 * strace on a network-namespace LAN while it starts, advertises, takes a registration with an avatar
 * from a client on another host, and shuts down; every system call it made must be one that
 * {@code SystemCallFilter=} lets through, and every socket it opened of a family that
 * {@code RestrictAddressFamilies=} allows. (A call outside the filter would fail with EPERM under
 * systemd, which the JVM does not expect.)
 */
@Tag("slow")
class SandboxIT {
    private static final Duration START = Duration.ofMinutes(2);
    private static final Pattern SYSCALL = Pattern.compile("^\\d+\\s+([a-z0-9_]+)\\(");
    private static final Pattern SOCKET = Pattern.compile("^\\d+\\s+socket\\((AF_[A-Z0-9]+|\\d+),");
    /**
     * strace names every call the kernel has; x86-64 numbers them below 1024. A larger number is strace misreading
     * a thread's registers as the thread starts or exits (one run in many shows e.g. {@code syscall_0x5c83}, a
     * thread id), not a call the JVM made.
     */
    private static final Pattern MISREAD = Pattern.compile("syscall_0x(\\p{XDigit}{1,16})");
    private static final int SYSCALL_NUMBERS = 1024;

    @TempDir
    static Path work;
    private static NetnsLab lab;
    private static Set<String> syscalls;
    private static Set<String> families;
    private static UnitFile unit;

    @BeforeAll
    static void traceTheApplianceThroughAWorkingDay() throws Exception {
        Requirements.linux();
        Requirements.root();
        Requirements.tools("strace", "systemd-analyze", "dpkg-deb", "ip");
        Path root = DebPackage.built().extractTo(work.resolve("root"));
        unit = UnitFile.read(root.resolve("lib/systemd/system/lanchat-appliance.service"));
        lab = NetnsLab.create("sandbox", 2);

        Path trace = work.resolve("strace.txt");
        Path log = work.resolve("appliance.log");
        Process strace = new ProcessBuilder("ip", "netns", "exec", lab.host(1).namespace(), "strace", "-f", "-qq", "-o",
                trace.toString(), root.resolve("usr/lib/lanchat-appliance/runtime/bin/java").toString(), "-jar",
                root.resolve("usr/share/lanchat-appliance/lanchat-appliance.jar").toString(),
                "--data-dir", work.resolve("data").toString(), "--name", "Sandbox check")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Awaitility.await("the traced appliance is ready").atMost(START).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(log).contains("ready on port") || !strace.isAlive());
            assertThat(strace.isAlive()).as(Files.readString(log)).isTrue();
            ChildJvm client = lab.startJava(lab.host(2), "client", ApplianceClientMain.class, List.of(),
                    lab.host(2).interfaceName(), Files.createDirectories(work.resolve("client")).toString(),
                    "register-with-avatar:alice");
            assertThat(client.await("step", START).get("outcome")).isEqualTo("session");
            client.await("done", START);
            // SIGTERM to the JVM itself (strace would only detach): the shutdown path is traced too.
            ProcessHandle java = strace.toHandle().descendants().filter(p -> p.info().command().orElse("").endsWith("/java"))
                    .findFirst().orElseThrow();
            java.destroy();
            assertThat(strace.waitFor(1, TimeUnit.MINUTES)).as("the appliance stopped").isTrue();
        } finally {
            strace.destroyForcibly();
        }
        syscalls = new TreeSet<>();
        families = new TreeSet<>();
        try (Stream<String> lines = Files.lines(trace)) {
            lines.forEach(line -> {
                Matcher call = SYSCALL.matcher(line);
                if (call.find() && !misread(call.group(1))) {
                    syscalls.add(call.group(1));
                }
                Matcher socket = SOCKET.matcher(line);
                if (socket.find()) {
                    families.add(socket.group(1));
                }
            });
        }
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void everySystemCallTheApplianceMakesPassesTheUnitsFilter() {
        Set<String> allowed = allowedBy(unit.all("Service", "SystemCallFilter"), syscallGroups());
        assertThat(syscalls).as("the trace has the JVM's calls").contains("execve", "mmap", "futex", "socket", "accept");
        assertThat(syscalls).as("calls that SystemCallFilter= %s would refuse", unit.all("Service", "SystemCallFilter"))
                .allMatch(allowed::contains);
    }

    @Test
    void everySocketTheApplianceOpensIsOfAnAllowedFamily() {
        List<String> allowed = UnitFile.words(unit.get("Service", "RestrictAddressFamilies"));
        assertThat(families).as("TCP/UDP over IPv4 and IPv6 at least").contains("AF_INET", "AF_INET6");
        assertThat(families).as("families outside RestrictAddressFamilies=" + allowed).allMatch(allowed::contains);
    }

    private static boolean misread(String name) {
        Matcher number = MISREAD.matcher(name);
        if (number.matches() && Long.compareUnsigned(Long.parseUnsignedLong(number.group(1), 16), SYSCALL_NUMBERS) >= 0) {
            System.err.println("SandboxIT: ignored a call strace could not have read right: " + name);
            return true;
        }
        return false;
    }

    /** systemd's own system call groups ({@code systemd-analyze syscall-filter}), each with its members. */
    private static Map<String, List<String>> syscallGroups() {
        Map<String, List<String>> groups = new HashMap<>();
        String group = null;
        for (String line : Shell.run(Duration.ofSeconds(30), "systemd-analyze", "syscall-filter", "--no-pager").ok().output()
                .split("\n")) {
            String item = line.strip();
            if (line.startsWith("@")) {
                group = item.split("\\s+")[0];
                groups.put(group, new ArrayList<>());
            } else if (group != null && !item.isEmpty() && !item.startsWith("#")) {
                groups.get(group).add(item.split("\\s+")[0]);
            }
        }
        return groups;
    }

    /** An allow list (the first assignment), then lines starting with "~" remove calls from it, as systemd reads them. */
    private static Set<String> allowedBy(List<String> filters, Map<String, List<String>> groups) {
        assertThat(filters.getFirst()).as("an allow list first").doesNotStartWith("~");
        Set<String> allowed = new HashSet<>();
        for (String filter : filters) {
            boolean deny = filter.startsWith("~");
            for (String entry : UnitFile.words(deny ? filter.substring(1) : filter)) {
                Set<String> calls = expand(entry, groups);
                if (deny) {
                    allowed.removeAll(calls);
                } else {
                    allowed.addAll(calls);
                }
            }
        }
        return allowed;
    }

    private static Set<String> expand(String entry, Map<String, List<String>> groups) {
        Set<String> calls = new HashSet<>();
        if (!entry.startsWith("@")) {
            calls.add(entry);
            return calls;
        }
        assertThat(groups).as("systemd knows the group " + entry).containsKey(entry);
        for (String member : groups.get(entry)) {
            calls.addAll(expand(member, groups));
        }
        return calls;
    }
}
