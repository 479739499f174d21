package org.lanchat.discovery.responder;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 6762 §11 asks for IP TTL 255 on every response, unicast ones included, so that a receiver can tell
 * an answer from its own link from a routed one. Java sets the multicast TTL but has no option for the
 * unicast one, nor hands out a channel's file descriptor. On Linux, the descriptor is found by asking each
 * of this process's sockets its address ({@code getsockname}) and the option is set with
 * {@code setsockopt(IP_TTL)}. Elsewhere, or if that fails, unicast answers keep the system's default TTL,
 * which the querier may or may not check; logged once.
 */
final class UnicastTtl {
    private static final Logger log = LoggerFactory.getLogger(UnicastTtl.class);
    private static final int AF_INET = 2;
    private static final int IPPROTO_IP = 0;
    private static final int IP_TTL = 2;
    private static final int TTL = 255;
    private static volatile boolean reported;

    interface LibC extends Library {
        // int[] rather than IntByReference: plain arrays need no native memory, and so no JNA cleaner thread.
        int getsockname(int fd, byte[] address, int[] length);

        int setsockopt(int fd, int level, int name, int[] value, int length);
    }

    private UnicastTtl() {
    }

    static void raise(DatagramChannel channel, Inet4Address boundTo) {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            report("not Linux");
            return;
        }
        try {
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            LibC libc = Native.load("c", LibC.class);
            int raised = 0;
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
                for (Path fd : fds) {
                    int number = Integer.parseInt(fd.getFileName().toString());
                    if (isBoundTo(libc, number, boundTo, port)
                            && libc.setsockopt(number, IPPROTO_IP, IP_TTL, new int[] {TTL}, 4) == 0) {
                        raised++;
                    }
                }
            }
            if (raised == 0) {
                report("no socket of this process is bound to " + boundTo.getHostAddress() + ":" + port);
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            report(e.toString());
        }
    }

    private static boolean isBoundTo(LibC libc, int fd, Inet4Address address, int port) {
        byte[] sockaddr = new byte[128];
        int[] length = {sockaddr.length};
        if (libc.getsockname(fd, sockaddr, length) != 0 || length[0] < 8) {
            return false;
        }
        // struct sockaddr_in: family in host byte order, then port and address in network byte order.
        int family = (sockaddr[0] & 0xff) | ((sockaddr[1] & 0xff) << 8);
        int boundPort = ((sockaddr[2] & 0xff) << 8) | (sockaddr[3] & 0xff);
        return family == AF_INET && boundPort == port
                && Arrays.equals(Arrays.copyOfRange(sockaddr, 4, 8), address.getAddress());
    }

    private static void report(String why) {
        if (!reported) {
            reported = true;
            log.debug("mDNS unicast answers keep the system's default IP TTL rather than 255: {}", why);
        }
    }
}
