package org.lanchat.discovery.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away LAN of Linux network namespaces for tests with real multicast: one namespace holds a
 * bridge, and each test host is a namespace joined to it by a veth pair, with an address from
 * 10.77.0.0/24 that exists only inside that namespace.
 *
 * <pre>
 *   lctPID-XXXX-br:  br0 ── p1 ┄┄ veth ┄┄ lan1 (10.77.0.1/24)  in lctPID-XXXX-h1
 *                     ── p2 ┄┄ veth ┄┄ lan2 (10.77.0.2/24)  in lctPID-XXXX-h2 ...
 * </pre>
 *
 * <p>Nothing is created in the machine's own namespace and no traffic reaches its real interfaces: the
 * veths are made directly inside the namespaces. A JVM cannot move threads between namespaces, so code
 * under test runs in child JVMs started with {@code ip netns exec} ({@link #startJava}).
 *
 * <p>Child mains report to the test by printing {@link ChildEvent}s on stdout; their logs belong on
 * stderr, which goes to {@code target/netns-logs/<test>-<lab>/NN-<label>.log}.
 *
 * <p>Needs root and iproute2. Without them the tests are skipped with the reason, except under CI
 * ({@code CI=true}) as root, where failing to build the lab fails the test: CI can build it, so it must.
 */
public final class NetnsLab implements AutoCloseable {
    public static final String SUBNET_PREFIX = "10.77.0.";
    public static final String SECOND_SUBNET_PREFIX = "10.78.0.";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final Path LOG_ROOT = Path.of("target", "netns-logs");
    private static final String OWNED_PREFIX = "lct";
    private static final Pattern OWNED = Pattern.compile(OWNED_PREFIX + "(\\d+)-[0-9a-f]{4}-.*");

    /** A test host: its namespace, its interface, its address. */
    public record Host(String namespace, String interfaceName, String address) {
    }

    private final String prefix;
    private final String bridgeNamespace;
    private final List<Host> hosts = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();
    private final List<ChildJvm> children = new ArrayList<>();
    private final AtomicInteger childCount = new AtomicInteger();
    private final Path logDir;
    private final Thread cleanupOnExit = new Thread(this::deleteNamespaces, "netns-lab-cleanup");

    private NetnsLab(String testName) {
        // The owning JVM's pid is part of the name, so a later run can tell a lab whose JVM died from a live one.
        prefix = OWNED_PREFIX + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(4);
        bridgeNamespace = prefix + "-br";
        logDir = LOG_ROOT.resolve(testName + "-" + prefix);
    }

    /** Builds a LAN of {@code hostCount} hosts, or skips (fails under CI) if this machine cannot. */
    public static NetnsLab create(String testName, int hostCount) {
        String unavailable = whyUnavailable();
        if (unavailable != null) {
            unavailableOrFail(unavailable);
        }
        removeLabsOfDeadRuns();
        NetnsLab lab = new NetnsLab(testName);
        Runtime.getRuntime().addShutdownHook(lab.cleanupOnExit);
        try {
            lab.build(hostCount);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            unavailableOrFail("building network namespaces failed: " + e.getMessage());
            throw e;
        }
    }

    /**
     * A test JVM that was SIGKILLed never ran its cleanup: its namespaces (and any daemon inside) would
     * linger. Labs whose owning JVM is gone are removed; labs of runs still going are left alone.
     */
    private static void removeLabsOfDeadRuns() {
        for (String line : run(List.of("ip", "netns", "list")).lines().toList()) {
            String namespace = line.split("\\s+")[0];
            Matcher owned = OWNED.matcher(namespace);
            if (owned.matches() && ProcessHandle.of(Long.parseLong(owned.group(1))).isEmpty()) {
                deleteNamespace(namespace);
            }
        }
    }

    private static void unavailableOrFail(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI")) && isRoot()) {
            Assertions.fail("CI runs as root and must be able to create network namespaces, but: " + reason);
        }
        Assumptions.abort("Skipping the real-multicast discovery tests: " + reason
                + ". They need Linux, root and iproute2 ('ip netns'); CI runs them.");
    }

    private static String whyUnavailable() {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            return "this is not Linux";
        }
        if (!isRoot()) {
            return "not running as root";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return "iproute2 ('ip') is not installed";
        }
        return null;
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private void build(int hostCount) {
        addNamespace(bridgeNamespace);
        ip("-n", bridgeNamespace, "link", "add", "br0", "type", "bridge");
        ip("-n", bridgeNamespace, "link", "set", "br0", "up");
        for (int i = 1; i <= hostCount; i++) {
            String namespace = prefix + "-h" + i;
            String lan = "lan" + i;
            addNamespace(namespace);
            // No duplicate address detection: IPv6 link-local addresses are usable at once, not after ~2 s.
            // Promote secondaries: deleting an address must not take the other addresses of its subnet along,
            // which is what renumbering (add the new address, delete the old) relies on.
            run(List.of("ip", "netns", "exec", namespace, "sysctl", "-q", "-w", "net.ipv6.conf.all.accept_dad=0",
                    "net.ipv6.conf.default.accept_dad=0", "net.ipv4.conf.all.promote_secondaries=1",
                    "net.ipv4.conf.default.promote_secondaries=1"));
            ip("-n", bridgeNamespace, "link", "add", "p" + i, "type", "veth", "peer", "name", lan, "netns", namespace);
            ip("-n", bridgeNamespace, "link", "set", "p" + i, "master", "br0", "up");
            ip("-n", namespace, "link", "set", "lo", "up");
            ip("-n", namespace, "addr", "add", SUBNET_PREFIX + i + "/24", "dev", lan);
            ip("-n", namespace, "link", "set", lan, "up");
            // Tools that do not pick an interface themselves (dig) need a route for the mDNS group.
            ip("-n", namespace, "route", "add", "224.0.0.0/4", "dev", lan);
            hosts.add(new Host(namespace, lan, SUBNET_PREFIX + i));
        }
    }

    /**
     * A second LAN segment, 10.78.0.0/24 on its own bridge: {@code multiHomed} (already on the first LAN)
     * joins it with a second interface {@code lanb} at 10.78.0.1, and a new host joins at 10.78.0.2, so
     * one machine is on two networks that cannot reach each other.
     *
     * @return the multi-homed host as seen on the second segment, then the new host
     */
    public List<Host> addSecondSegment(Host multiHomed) {
        String bridge = prefix + "-br2";
        addNamespace(bridge);
        ip("-n", bridge, "link", "add", "br0", "type", "bridge");
        ip("-n", bridge, "link", "set", "br0", "up");
        String newcomer = prefix + "-b2";
        addNamespace(newcomer);
        List<Host> joined = new ArrayList<>();
        int port = 1;
        for (String namespace : List.of(multiHomed.namespace(), newcomer)) {
            String address = SECOND_SUBNET_PREFIX + port;
            ip("-n", bridge, "link", "add", "p" + port, "type", "veth", "peer", "name", "lanb", "netns", namespace);
            ip("-n", bridge, "link", "set", "p" + port, "master", "br0", "up");
            ip("-n", namespace, "link", "set", "lo", "up");
            ip("-n", namespace, "addr", "add", address + "/24", "dev", "lanb");
            ip("-n", namespace, "link", "set", "lanb", "up");
            if (namespace.equals(newcomer)) {
                ip("-n", namespace, "route", "add", "224.0.0.0/4", "dev", "lanb");
            }
            joined.add(new Host(namespace, "lanb", address));
            port++;
        }
        return joined;
    }

    private void addNamespace(String namespace) {
        ip("netns", "add", namespace);
        namespaces.add(namespace);
    }

    /**
     * Joins the test's own namespace to the LAN at {@code 10.77.0.254}, so that the hosts reach a server running
     * here on loopback (through a proxy the test listens with on that address). IPv6 is off on this end before it
     * comes up, so this machine sends nothing onto the LAN by itself. The link goes away with the lab.
     *
     * @return this machine's address on the LAN
     */
    public String linkThisMachine() {
        String here = "lcm" + prefix.substring(prefix.length() - 4);
        ip("link", "add", here, "type", "veth", "peer", "name", "pm", "netns", bridgeNamespace);
        run(List.of("sysctl", "-q", "-w", "net.ipv6.conf." + here + ".disable_ipv6=1"));
        ip("-n", bridgeNamespace, "link", "set", "pm", "master", "br0", "up");
        ip("addr", "add", SUBNET_PREFIX + "254/24", "dev", here);
        ip("link", "set", here, "up");
        return SUBNET_PREFIX + "254";
    }

    public Host host(int number) {
        return hosts.get(number - 1);
    }

    /** Runs {@code ip} with the arguments, failing on a non-zero exit. */
    public void ip(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(arguments));
        run(command);
    }

    /** Runs a command inside a host's namespace and returns its output; fails on a non-zero exit. */
    public String runIn(Host host, Duration timeout, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
        full.addAll(List.of(command));
        return run(full, timeout);
    }

    private static String run(List<String> command) {
        return run(command, COMMAND_TIMEOUT);
    }

    private static String run(List<String> command, Duration timeout) {
        Path output = null;
        try {
            // Output to a file, not a pipe: reading a pipe would block past the timeout of a hung command.
            output = Files.createTempFile("netns-cmd", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": "
                        + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /**
     * Starts {@code main} in a JVM inside the host's namespace, with this JVM's Java and test classpath.
     *
     * @param jvmOptions extra options such as {@code -Dorg.lanchat.discovery.ttl=3}
     */
    public ChildJvm startJava(Host host, String label, Class<?> main, List<String> jvmOptions, String... arguments) {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Surefire runs tests from a manifest-only jar; the real test classpath is in this property.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace(), java,
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath));
        command.addAll(jvmOptions);
        command.add(main.getName());
        command.addAll(List.of(arguments));
        ChildJvm child = new ChildJvm(label, command,
                logDir.resolve(String.format("%02d-%s.log", childCount.incrementAndGet(), label)));
        synchronized (children) {
            children.add(child);
        }
        return child;
    }

    /**
     * Starts any command inside the host's namespace as a child whose stdout lines starting with
     * {@link ChildEvent#PREFIX} are events, like a child JVM's; its stderr goes to the lab's log directory.
     */
    public ChildJvm startProcess(Host host, String label, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
        full.addAll(command);
        ChildJvm child = new ChildJvm(label, full,
                logDir.resolve(String.format("%02d-%s.log", childCount.incrementAndGet(), label)));
        synchronized (children) {
            children.add(child);
        }
        return child;
    }

    /** Kills every process in the host's namespace: daemons a child started (avahi-daemon) included. */
    public void killEverythingIn(Host host) {
        for (String pid : run(List.of("ip", "netns", "pids", host.namespace())).lines().map(String::strip).toList()) {
            if (!pid.isEmpty()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Where this lab's child logs go; tools that write files of their own can put them here too. */
    public Path logDir() {
        return logDir;
    }

    /** Kills the child JVMs started so far (between tests that share the lab). */
    public void killChildren() {
        synchronized (children) {
            children.forEach(ChildJvm::close);
            children.clear();
        }
    }

    /** Kills every child JVM, then removes every namespace (and with them the veths and the bridge). */
    @Override
    public void close() {
        killChildren();
        deleteNamespaces();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run.
        }
    }

    private synchronized void deleteNamespaces() {
        namespaces.reversed().forEach(NetnsLab::deleteNamespace);
        namespaces.clear();
    }

    /**
     * Kills whatever still runs inside (a daemon that forked away from a timed-out command is no child
     * of ours), then deletes the namespace, and with it its veths.
     */
    private static void deleteNamespace(String namespace) {
        try {
            for (String pid : run(List.of("ip", "netns", "pids", namespace)).lines().map(String::strip).toList()) {
                if (!pid.isEmpty()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            run(List.of("ip", "netns", "del", namespace));
        } catch (RuntimeException e) {
            System.err.println("could not delete network namespace " + namespace + ": " + e.getMessage());
        }
    }
}
