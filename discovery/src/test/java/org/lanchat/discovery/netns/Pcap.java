package org.lanchat.discovery.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lanchat.discovery.dns.DnsCodec;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.MalformedMessageException;

/**
 * The IPv4 mDNS datagrams in a pcap file that tcpdump writes on an Ethernet link, decoded by our own codec: where
 * tcpdump's reading cannot tell one label holding a dot from two labels, this can.
 */
public final class Pcap {
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int ETHERNET_HEADER = 14;
    private static final int UDP_HEADER = 8;

    /** One datagram: its IPv4 source and its DNS message. */
    public record Datagram(String source, DnsMessage message) {
    }

    private Pcap() {
    }

    /** The datagrams written so far that our codec can read, in order; a record still being written is left out. */
    static List<Datagram> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Datagram> datagrams = new ArrayList<>();
        if (bytes.length < FILE_HEADER) {
            return datagrams;
        }
        // tcpdump writes the file in this machine's byte order, which its magic number shows.
        ByteBuffer pcap = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (pcap.getInt(0) != 0xa1b2c3d4) {
            pcap.order(ByteOrder.BIG_ENDIAN);
        }
        int at = FILE_HEADER;
        while (at + RECORD_HEADER <= bytes.length) {
            int captured = pcap.getInt(at + 8);
            int frame = at + RECORD_HEADER;
            if (frame + captured > bytes.length) {
                break;
            }
            datagram(Arrays.copyOfRange(bytes, frame, frame + captured)).ifPresent(datagrams::add);
            at = frame + captured;
        }
        return datagrams;
    }

    private static Optional<Datagram> datagram(byte[] frame) {
        int ip = ETHERNET_HEADER;
        if (frame.length < ip + 20 || (frame[12] & 0xff) != 0x08 || frame[13] != 0x00) {
            return Optional.empty();
        }
        int payload = ip + (frame[ip] & 0x0f) * 4 + UDP_HEADER;
        String source = (frame[ip + 12] & 0xff) + "." + (frame[ip + 13] & 0xff) + "." + (frame[ip + 14] & 0xff) + "."
                + (frame[ip + 15] & 0xff);
        try {
            byte[] dns = Arrays.copyOfRange(frame, payload, frame.length);
            return Optional.of(new Datagram(source, DnsCodec.decode(dns, dns.length)));
        } catch (MalformedMessageException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
