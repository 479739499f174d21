package org.lanchat.discovery.netns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** What the hand-made devices of these tests share: multicasting a packet from port 5353, as a responder does. */
final class MdnsSender implements AutoCloseable {
    private final DatagramChannel channel;

    MdnsSender(NetworkInterface nif, Inet4Address address) throws IOException {
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(address, 5353));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 255);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    void send(byte[] packet) throws IOException {
        channel.send(ByteBuffer.wrap(packet), new InetSocketAddress("224.0.0.251", 5353));
    }

    /** Sends {@code packet} {@code times} times, a second apart, with an {@code announced n=} event after each. */
    void announce(byte[] packet, int times) throws IOException, InterruptedException {
        for (int i = 1; i <= times; i++) {
            send(packet);
            ChildEvent.emit("announced", "n", i);
            if (i < times) {
                Thread.sleep(1000); // the device's own pacing, not synchronisation
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
