package org.lanchat.discovery.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.lanchat.discovery.netns.NetnsLab.Host;

/**
 * Every IPv4 mDNS datagram one test host sees, as tcpdump decodes it: an independent reading of what was
 * on the wire and when (tcpdump's own clock, which the test shares), with the IP TTL and each record's TTL; and
 * byte for byte ({@link #datagrams}), for what tcpdump's text cannot show. Runs {@code tcpdump -vvv} in the
 * host's namespace until closed.
 */
public final class PacketCapture implements AutoCloseable {
    private static final Pattern HEADER = Pattern.compile("^(\\d+)\\.(\\d{6}) IP \\(.*?ttl (\\d+),.*");
    private static final Pattern BODY = Pattern.compile(
            "^\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)\\.(\\d+) > (\\d+\\.\\d+\\.\\d+\\.\\d+)\\.(\\d+): (?:\\[[^]]*] )?(.*)$");

    /**
     * One datagram.
     *
     * @param atMillis epoch milliseconds when it was captured
     * @param ipTtl    the IP header's TTL
     * @param summary  tcpdump's reading of the DNS message, e.g.
     *                 {@code 0*- [0q] 4/0/0 _lanchat._tcp.local. [1h15m] PTR Office._lanchat._tcp.local., ...}
     */
    public record Packet(long atMillis, int ipTtl, String source, int sourcePort, String destination,
            int destinationPort, String summary) {

        /** A response: tcpdump marks the authoritative-answer bit with {@code *} after the id. */
        public boolean isResponse() {
            return summary.matches("^\\d+\\*.*");
        }

        public boolean isMulticast() {
            return destination.equals("224.0.0.251");
        }

        /** A probe: a query with records in its authority section (RFC 6762 §8.1). */
        public boolean isProbe() {
            return !isResponse() && summary.contains(" ns: ");
        }

        @Override
        public String toString() {
            return atMillis + " ttl=" + ipTtl + " " + source + ":" + sourcePort + " > " + destination + ":"
                    + destinationPort + " " + summary;
        }
    }

    private final Process process;
    private final Path output;
    private final Path raw;

    private PacketCapture(Process process, Path output, Path raw) {
        this.process = process;
        this.output = output;
        this.raw = raw;
    }

    /** Starts capturing on the host's interface and returns once tcpdump listens. */
    public static PacketCapture start(NetnsLab lab, Host host, String label) {
        try {
            Files.createDirectories(lab.logDir());
            Path output = lab.logDir().resolve("capture-" + label + ".txt");
            Path errors = lab.logDir().resolve("capture-" + label + ".err");
            Path raw = lab.logDir().resolve("capture-" + label + ".pcap");
            Process process = new ProcessBuilder("ip", "netns", "exec", host.namespace(), "tcpdump", "-i",
                    host.interfaceName(), "-n", "-l", "-tt", "-vvv", "-U", "-w", raw.toString(), "--print",
                    "ip and udp port 5353")
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            Awaitility.await("tcpdump on " + host.interfaceName() + " listening").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !process.isAlive() || Files.readString(errors).contains("listening on"));
            if (!process.isAlive()) {
                throw new IllegalStateException("tcpdump did not start: " + Files.readString(errors));
            }
            return new PacketCapture(process, output, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The datagrams captured so far, in order. */
    public List<Packet> packets() {
        List<String> lines;
        try {
            lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            Matcher header = HEADER.matcher(lines.get(i));
            Matcher body = BODY.matcher(lines.get(i + 1));
            if (header.matches() && body.matches()) {
                long at = Long.parseLong(header.group(1)) * 1000 + Long.parseLong(header.group(2)) / 1000;
                packets.add(new Packet(at, Integer.parseInt(header.group(3)), body.group(1),
                        Integer.parseInt(body.group(2)), body.group(3), Integer.parseInt(body.group(4)), body.group(5)));
                i++;
            }
        }
        return packets;
    }

    public List<Packet> packets(Predicate<Packet> matching) {
        return packets().stream().filter(matching).toList();
    }

    /** Waits for the first datagram matching, at most {@code timeout}. */
    public Packet await(String what, Predicate<Packet> matching, Duration timeout) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(25))
                .until(() -> packets().stream().anyMatch(matching));
        return packets().stream().filter(matching).findFirst().orElseThrow();
    }

    public Optional<Packet> first(Predicate<Packet> matching) {
        return packets().stream().filter(matching).findFirst();
    }

    /** The datagrams captured so far as they were on the wire, decoded by our own codec. */
    public List<Pcap.Datagram> datagrams() {
        return Pcap.read(raw);
    }

    /** Waits for the first datagram matching, at most {@code timeout}. */
    public Pcap.Datagram awaitDatagram(String what, Predicate<Pcap.Datagram> matching, Duration timeout) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> datagrams().stream().anyMatch(matching));
        return datagrams().stream().filter(matching).findFirst().orElseThrow();
    }

    /** Everything captured, for failure messages. */
    public String dump() {
        StringBuilder text = new StringBuilder();
        packets().forEach(p -> text.append("\n  ").append(p));
        return text.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
