package org.lanchat.discovery.netns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.lanchat.discovery.dns.DnsCodec;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsQuestion;
import org.lanchat.discovery.dns.DnsRecord;
import org.lanchat.discovery.dns.DnsType;

/**
 * Child process: a device flooding the link with multicast queries from port 5353 for a bounded time, at about
 * {@code rate} a second: {@code browse} asks for the service type's PTR (QM), {@code probe} probes for a host name
 * with an address of its own in the authority section, as a device stuck in a probing loop does.
 *
 * <pre>--interface lan2 --address 10.77.0.2 --kind probe --name box-lan1.local --rate 2000 --seconds 3</pre>
 *
 * Events: {@code flooding at=}, then {@code done at= sent=}.
 */
public final class QueryFloodMain {
    private QueryFloodMain() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        NetworkInterface nif = NetworkInterface.getByName(args.get("interface"));
        Inet4Address address = (Inet4Address) InetAddress.getByName(args.get("address"));
        DnsName name = DnsName.parse(args.get("name"));
        int rate = Integer.parseInt(args.get("rate"));
        long seconds = Long.parseLong(args.get("seconds"));
        DnsMessage query = switch (args.get("kind")) {
            case "browse" -> DnsMessage.query(List.of(DnsQuestion.of(name, DnsType.PTR)), List.of(), List.of());
            case "probe" -> DnsMessage.query(List.of(new DnsQuestion(name, DnsType.ANY, DnsType.CLASS_IN, false)),
                    List.of(), List.of(new DnsRecord.A(name, 120, false, address)));
            default -> throw new IllegalArgumentException("--kind browse or probe");
        };
        byte[] packet = DnsCodec.encode(query);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long gap = TimeUnit.SECONDS.toNanos(1) / rate;
        long sent = 0;
        try (MdnsSender sender = new MdnsSender(nif, address)) {
            ChildEvent.emit("flooding", "at", System.currentTimeMillis());
            for (long next = start; next < end; next += gap) {
                LockSupport.parkNanos(next - System.nanoTime()); // the device's pace, not synchronisation
                sender.send(packet);
                sent++;
            }
        }
        ChildEvent.emit("done", "at", System.currentTimeMillis(), "sent", sent);
    }
}
