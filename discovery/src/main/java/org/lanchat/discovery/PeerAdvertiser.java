package org.lanchat.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.lanchat.discovery.responder.LinkMap;
import org.lanchat.discovery.responder.LinkResponder;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * Advertises this client's peer links as a DNS-SD service of type {@code _lanchat-peer._tcp} while it is in peer
 * mode (PROTOCOL.md §10), on the same responder as the appliance's advertisement, so it probes, defends and says
 * goodbye the same way. Nothing personal goes on the LAN: the instance name and host name are a random token
 * made anew each time ("LAN Chat peer 3f9a0c1e", {@code lanchat-peer-3f9a0c1e.local}), not the user's or the
 * computer's name, and the TXT record holds only {@code txtvers}, {@code proto} and the appliance's fingerprint.
 */
public final class PeerAdvertiser implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String instanceName;
    private final AddressWatcher<LinkResponder> watcher;

    private PeerAdvertiser(String instanceName, AddressWatcher<LinkResponder> watcher) {
        this.instanceName = instanceName;
        this.watcher = watcher;
    }

    /**
     * Starts advertising {@code port} on every selected interface, on one IPv4 address of each (see
     * {@link AddressPlan#oneAddressPerInterface}), following them as they come and go; returns
     * while the responders probe (under a second without a conflict).
     */
    public static PeerAdvertiser start(int port, int protocolVersion, CertificateFingerprint appliance,
            InterfaceSelection interfaces) {
        String token = token();
        String instance = "LAN Chat peer " + token;
        byte[] txt = TxtRecord.encode(TxtRecord.peerEntries(protocolVersion, appliance));
        LinkMap links = new LinkMap();
        AddressWatcher<LinkResponder> watcher = new AddressWatcher<>("peer", interfaces.withIpv6(false),
                InterfaceSnapshot::scanSystem,
                (local, label) -> open(local, "lanchat-peer-" + token, instance, port, txt, links),
                (responder, to) -> responder.moveTo(to.ipv4Interface(), (Inet4Address) to.address()), responder -> {
                });
        watcher.start();
        return new PeerAdvertiser(instance, watcher);
    }

    private static String token() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static LinkResponder open(LocalAddress local, String hostLabel, String instance, int port, byte[] txt,
            LinkMap links) throws IOException {
        return LinkResponder.start(local.ipv4Interface(), (Inet4Address) local.address(), hostLabel, instance, Jmdns.PEER_SERVICE_TYPE, port, txt, links);
    }

    /** The instance name asked for: how a browser on this computer tells this client's own advertisement. */
    public String instanceName() {
        return instanceName;
    }

    /** Waits, at most {@code timeout}, until every responder running now has announced. */
    public boolean awaitAnnounced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (LinkResponder responder : watcher.handles().values()) {
            if (!responder.awaitAnnounced(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** Sends goodbyes and stops. */
    @Override
    public void close() {
        watcher.close();
    }
}
