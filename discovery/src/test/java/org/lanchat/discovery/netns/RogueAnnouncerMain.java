package org.lanchat.discovery.netns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;
import org.lanchat.discovery.dns.DnsCodec;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsRecord;

/**
 * Child process: a device that claims someone else's host name without probing, as a machine cloned from
 * the same image with an old responder does. Multicasts {@code HOST.local A ADDRESS} (no cache-flush bit)
 * {@code --times} times, a second apart, from port 5353.
 *
 * <pre>--interface lan3 --host box-lan1 --address 10.77.0.3 [--times 3]</pre>
 *
 * Events: {@code announced n=} after each.
 */
public final class RogueAnnouncerMain {
    private RogueAnnouncerMain() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        NetworkInterface nif = NetworkInterface.getByName(args.get("interface"));
        Inet4Address address = (Inet4Address) InetAddress.getByName(args.get("address"));
        DnsRecord.A claim = new DnsRecord.A(DnsName.LOCAL.prepend(args.get("host")), 120, false, address);
        byte[] packet = DnsCodec.encode(DnsMessage.response(List.of(claim), List.of()));
        try (MdnsSender sender = new MdnsSender(nif, address)) {
            sender.announce(packet, Integer.parseInt(args.get("times", "3")));
        }
    }
}
