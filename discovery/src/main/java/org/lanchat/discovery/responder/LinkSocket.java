package org.lanchat.discovery.responder;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets of one link. Java cannot say on which interface a datagram arrived, so there are two:
 *
 * <ul>
 *   <li>the <em>group</em> socket, bound to port 5353 on every address and joined to 224.0.0.251 on this
 *       interface, receives multicast;</li>
 *   <li>the <em>own</em> socket, bound to this interface's address and port 5353, receives the unicast
 *       queries sent to that address (the kernel prefers the more specific binding) and sends everything:
 *       multicast out of this interface, unicast from this address, always from port 5353 (§11).</li>
 * </ul>
 *
 * <p>Neither says on which interface a datagram arrived: the group socket hears every interface's multicast,
 * and the own socket also receives what a host on another network sends to this address. {@link LinkMap}
 * decides by the source address whether a datagram came from this link.
 *
 * <p>Both set {@code SO_REUSEADDR}, as Avahi, Bonjour and JmDNS do, so they share the port with any other
 * responder or browser on the machine. One thread receives from both, taking turns, and hands every datagram over.
 */
final class LinkSocket implements AutoCloseable {
    static final InetAddress GROUP = groupAddress();
    private static final int MAX_DATAGRAM = 9000;
    private static final int MULTICAST_TTL = 255;
    /** Datagrams taken from one socket before the other gets its turn. */
    private static final int TURN = 8;
    private static final Logger log = LoggerFactory.getLogger(LinkSocket.class);

    interface Receiver {
        /** @param unicast whether it arrived on the own socket: sent to this interface's address, over any interface */
        void received(byte[] data, int length, InetSocketAddress source, boolean unicast);
    }

    private final NetworkInterface nif;
    private final DatagramChannel group;
    private final DatagramChannel own;
    private final Selector selector;
    private final Thread thread;
    private final InetSocketAddress groupTarget = new InetSocketAddress(GROUP, Answerer.MDNS_PORT);

    private LinkSocket(NetworkInterface nif, DatagramChannel group, DatagramChannel own, Selector selector,
            Receiver receiver, String threadName) {
        this.nif = nif;
        this.group = group;
        this.own = own;
        this.selector = selector;
        this.thread = Thread.ofPlatform().daemon().name(threadName).unstarted(() -> receive(receiver));
    }

    static LinkSocket open(NetworkInterface nif, Inet4Address address, Receiver receiver, String threadName)
            throws IOException {
        DatagramChannel group = null;
        DatagramChannel own = null;
        Selector selector = null;
        try {
            group = DatagramChannel.open(StandardProtocolFamily.INET);
            group.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            group.bind(new InetSocketAddress(Answerer.MDNS_PORT));
            group.join(GROUP, nif);
            own = DatagramChannel.open(StandardProtocolFamily.INET);
            own.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            own.bind(new InetSocketAddress(address, Answerer.MDNS_PORT));
            own.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            own.setOption(StandardSocketOptions.IP_MULTICAST_TTL, MULTICAST_TTL);
            // Loop back, so that browsers on this machine see the appliance too.
            own.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            UnicastTtl.raise(own, address);
            selector = Selector.open();
            group.configureBlocking(false).register(selector, SelectionKey.OP_READ, Boolean.FALSE);
            own.configureBlocking(false).register(selector, SelectionKey.OP_READ, Boolean.TRUE);
            LinkSocket socket = new LinkSocket(nif, group, own, selector, receiver, threadName);
            socket.thread.start();
            return socket;
        } catch (IOException | RuntimeException e) {
            closeQuietly(selector, group, own);
            throw e;
        }
    }

    private void receive(Receiver receiver) {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        try {
            while (selector.isOpen()) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    // A few datagrams from each socket in turn: the selector reports a socket that still holds some
                    // again at once. Draining one first let a flood of multicast keep a unicast query waiting.
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    for (int taken = 0; taken < TURN; taken++) {
                        var source = channel.receive(buffer.clear());
                        if (source == null) {
                            break;
                        }
                        receiver.received(buffer.array(), buffer.position(), (InetSocketAddress) source,
                                (Boolean) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (ClosedSelectorException e) {
            // closed: done
        } catch (IOException e) {
            if (selector.isOpen()) {
                log.debug("mDNS on {}: receiving failed; this link's responder stops hearing queries", nif.getName(), e);
            }
        }
    }

    void sendMulticast(byte[] message) throws IOException {
        own.send(ByteBuffer.wrap(message), groupTarget);
    }

    void sendUnicast(byte[] message, InetSocketAddress to) throws IOException {
        own.send(ByteBuffer.wrap(message), to);
    }

    @Override
    public void close() {
        closeQuietly(selector, group, own);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.trace("closing an mDNS socket failed", e);
                }
            }
        }
    }

    private static InetAddress groupAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 224, 0, 0, (byte) 251});
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
