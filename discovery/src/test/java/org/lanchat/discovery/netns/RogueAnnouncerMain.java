package org.lanchat.discovery.netns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
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
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(address, 5353));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 255);
            int times = Integer.parseInt(args.get("times", "3"));
            for (int i = 1; i <= times; i++) {
                channel.send(ByteBuffer.wrap(packet), new InetSocketAddress("224.0.0.251", 5353));
                ChildEvent.emit("announced", "n", i);
                if (i < times) {
                    Thread.sleep(1000); // the device's own pacing, not synchronisation
                }
            }
        }
    }
}
