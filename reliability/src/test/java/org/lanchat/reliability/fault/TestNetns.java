package org.lanchat.reliability.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace made by the test, joined to this one by a veth pair on addresses from the
 * benchmarking range 198.18.0.0/15 (RFC 2544) — nothing outside this machine is ever addressed. IPv6 is
 * disabled on both ends before the links come up, so not even neighbour-discovery multicast is sent.
 * Removed on {@link #close()}.
 */
final class TestNetns implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TestNetns.class);
    /**
     * Subnets held by this process's namespaces: two namespaces on the same /30 make the host route to one of them
     * only, and the other's connections time out (three members drawing at random collide about once in 83 runs).
     */
    private static final Set<Integer> SUBNETS_IN_USE = ConcurrentHashMap.newKeySet();
    private final int subnet;
    private final String name;
    private final String hostSide;
    private final String nsSide;
    final String hostAddress;
    final String nsAddress;

    private TestNetns(String tag) {
        int n;
        do {
            n = ThreadLocalRandom.current().nextInt(1, 250);
        } while (!SUBNETS_IN_USE.add(n));
        this.subnet = n;
        this.name = "lcrel-" + tag + n;
        this.hostSide = "lcrh" + tag + n;
        this.nsSide = "lcrn" + tag + n;
        this.hostAddress = "198.18." + n + ".1";
        this.nsAddress = "198.18." + n + ".2";
    }

    /** True when this process may create namespaces (root, with iproute2). */
    static boolean available() {
        try {
            return run(List.of("ip", "netns", "list")) == 0 && "root".equals(System.getProperty("user.name"));
        } catch (IllegalStateException e) {
            return false;
        }
    }

    static TestNetns create(String tag) {
        TestNetns ns = new TestNetns(tag);
        try {
            ns.must("ip", "netns", "add", ns.name);
            ns.must("ip", "link", "add", ns.hostSide, "type", "veth", "peer", "name", ns.nsSide);
            ns.must("ip", "link", "set", ns.nsSide, "netns", ns.name);
            ns.must("sysctl", "-q", "-w", "net.ipv6.conf." + ns.hostSide + ".disable_ipv6=1");
            ns.must("ip", "netns", "exec", ns.name, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
            ns.must("ip", "netns", "exec", ns.name, "sysctl", "-q", "-w", "net.ipv6.conf." + ns.nsSide + ".disable_ipv6=1");
            ns.must("ip", "addr", "add", ns.hostAddress + "/30", "dev", ns.hostSide);
            ns.must("ip", "netns", "exec", ns.name, "ip", "addr", "add", ns.nsAddress + "/30", "dev", ns.nsSide);
            ns.must("ip", "link", "set", ns.hostSide, "up");
            ns.must("ip", "netns", "exec", ns.name, "ip", "link", "set", ns.nsSide, "up");
            ns.must("ip", "netns", "exec", ns.name, "ip", "link", "set", "lo", "up");
            return ns;
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    /** The command prefix that runs a program inside the namespace. */
    List<String> exec() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Takes the host end of the link down: the namespace is cut off, its TCP connections stall. */
    void linkDown() {
        must("ip", "link", "set", hostSide, "down");
    }

    void linkUp() {
        must("ip", "link", "set", hostSide, "up");
    }

    private void must(String... command) {
        int exit = run(List.of(command));
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private static int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " hung");
            }
            if (p.exitValue() != 0 && out.length > 0) {
                log.warn("{}: {}", String.join(" ", command), new String(out, StandardCharsets.UTF_8).strip());
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        run(List.of("ip", "netns", "del", name));
        run(List.of("ip", "link", "del", hostSide)); // gone with the namespace already, normally
        SUBNETS_IN_USE.remove(subnet);
    }
}
