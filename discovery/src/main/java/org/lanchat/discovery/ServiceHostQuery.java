package org.lanchat.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.lanchat.discovery.dns.DnsCodec;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsQuestion;
import org.lanchat.discovery.dns.DnsRecord;
import org.lanchat.discovery.dns.DnsType;
import org.lanchat.discovery.dns.MalformedMessageException;

/**
 * Asks one host directly whether it answers for a service instance: a legacy unicast query (RFC 6762 §6.7)
 * for the instance's SRV record, sent from an ephemeral port to the host's port 5353, as {@code dig} would.
 * Any responder, ours or Avahi, answers it for its own services; a device that only claims a host name does not.
 */
final class ServiceHostQuery {
    private static final int MDNS_PORT = 5353;
    private static final int MAX_MESSAGE = 9000;
    private static final SecureRandom IDS = new SecureRandom();

    private ServiceHostQuery() {
    }

    /**
     * @param from     the local address to ask from (the link the service was seen on)
     * @param host     who to ask
     * @param instance the service instance name, such as {@code Office._lanchat._tcp.local}
     * @return whether {@code host} itself answered with an SRV record for {@code instance} within {@code timeout}
     */
    static boolean answersFor(InetAddress from, InetAddress host, DnsName instance, Duration timeout) {
        if (from.getClass() != host.getClass()) {
            return false; // IPv4 and IPv6 cannot ask each other
        }
        int id = 1 + IDS.nextInt(0xfffe);
        DnsMessage query = new DnsMessage(id, 0, List.of(DnsQuestion.of(instance, DnsType.SRV)), List.of(), List.of(),
                List.of());
        byte[] bytes = DnsCodec.encode(query);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(from, 0))) {
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(host, MDNS_PORT)));
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buffer = new byte[MAX_MESSAGE];
            while (true) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                socket.receive(reply);
                if (reply.getAddress().equals(host) && answers(reply, id, instance)) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false; // the link went away: nobody answered
        }
    }

    private static boolean answers(DatagramPacket reply, int id, DnsName instance) {
        try {
            DnsMessage message = DnsCodec.decode(reply.getData(), reply.getLength());
            return message.isResponse() && message.id() == id && message.answers().stream()
                    .anyMatch(r -> r instanceof DnsRecord.Srv srv && srv.name().equals(instance) && srv.ttl() > 0);
        } catch (MalformedMessageException e) {
            return false;
        }
    }
}
