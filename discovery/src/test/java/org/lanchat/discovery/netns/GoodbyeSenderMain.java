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
 * Child process: another host saying goodbye (TTL 0) for a service's PTR records, as a second appliance of the
 * same type shutting down does for the shared {@code _services._dns-sd._udp} PTR, or a device replaying someone
 * else's: one multicast response from port 5353 with {@code TYPE PTR INSTANCE.TYPE} and
 * {@code _services._dns-sd._udp.local PTR TYPE}, both TTL 0.
 *
 * <pre>--interface lan2 --address 10.77.0.2 --type _lanchat._tcp.local --instance Name</pre>
 *
 * Events: {@code sent at=} (epoch millis just before sending).
 */
public final class GoodbyeSenderMain {
    private GoodbyeSenderMain() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        NetworkInterface nif = NetworkInterface.getByName(args.get("interface"));
        Inet4Address address = (Inet4Address) InetAddress.getByName(args.get("address"));
        DnsName type = DnsName.parse(args.get("type"));
        List<DnsRecord> goodbyes = List.of(new DnsRecord.Ptr(type, 0, false, type.prepend(args.text("instance"))),
                new DnsRecord.Ptr(DnsName.parse("_services._dns-sd._udp.local"), 0, false, type));
        byte[] packet = DnsCodec.encode(DnsMessage.response(goodbyes, List.of()));
        try (MdnsSender sender = new MdnsSender(nif, address)) {
            ChildEvent.emit("sent", "at", System.currentTimeMillis());
            sender.send(packet);
        }
    }
}
