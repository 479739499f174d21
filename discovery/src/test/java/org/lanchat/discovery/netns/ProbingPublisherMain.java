package org.lanchat.discovery.netns;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.lanchat.discovery.dns.DnsCodec;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsRecord;

/**
 * Child process: an appliance's publisher whose host name is in doubt, as Avahi's is while it probes again after
 * another device announced the same host name: its service records (PTR, SRV, TXT) go out, its address record
 * does not, unless {@code --with-address}. Multicasts them {@code --times} times, a second apart, from port 5353;
 * answers nothing.
 *
 * <pre>--interface lan1 --address 10.77.0.1 --host box-lan1 --instance Name --port 7447 [--times 3] [--with-address]</pre>
 *
 * Events: {@code announced n=} after each.
 */
public final class ProbingPublisherMain {
    static final String APPLIANCE_ID = "0123456789abcdef0123456789abcdef";
    static final String FINGERPRINT = "5ce23c89db8c3b7c1f7885f4d1e339d1ec3e585d9712bf460c32e7dcd9223eca";

    private ProbingPublisherMain() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        NetworkInterface nif = NetworkInterface.getByName(args.get("interface"));
        Inet4Address address = (Inet4Address) InetAddress.getByName(args.get("address"));
        DnsName type = DnsName.parse("_lanchat._tcp.local");
        DnsName instance = type.prepend(args.text("instance"));
        DnsName host = DnsName.LOCAL.prepend(args.get("host"));
        List<DnsRecord> records = new ArrayList<>(List.of(
                new DnsRecord.Ptr(type, 4500, false, instance),
                new DnsRecord.Srv(instance, 120, true, 0, 0, Integer.parseInt(args.get("port")), host),
                new DnsRecord.Txt(instance, 4500, true, txt("txtvers=1", "proto=1", "id=" + APPLIANCE_ID,
                        "fp=" + FINGERPRINT))));
        if (args.flag("with-address")) {
            records.add(new DnsRecord.A(host, 120, true, address));
        }
        byte[] packet = DnsCodec.encode(DnsMessage.response(records, List.of()));
        try (MdnsSender sender = new MdnsSender(nif, address)) {
            sender.announce(packet, Integer.parseInt(args.get("times", "3")));
        }
    }

    private static byte[] txt(String... strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String string : strings) {
            byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
