package org.lanchat.discovery;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import javax.jmdns.ServiceTypeListener;
import javax.jmdns.impl.DNSEntry;
import javax.jmdns.impl.DNSOutgoing;
import javax.jmdns.impl.DNSQuestion;
import javax.jmdns.impl.DNSRecord;
import javax.jmdns.impl.JmDNSImpl;
import javax.jmdns.impl.constants.DNSConstants;
import javax.jmdns.impl.constants.DNSRecordClass;
import javax.jmdns.impl.constants.DNSRecordType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One JmDNS instance browsing for appliances on one interface address, reporting to the registry. */
final class BrowsingResponder implements AutoCloseable, ServiceListener, ServiceTypeListener {
    private static final Logger log = LoggerFactory.getLogger(BrowsingResponder.class);

    private final LocalAddress local;
    private final ApplianceRegistry registry;
    private final Set<String> serviceTypesSeen;
    private final PeerSightings peers;
    private final PeerListener peerListener = new PeerListener();
    /** Guarded by {@link #closeLock}. */
    private boolean browsingPeers;
    private final Map<String, String> rejectedTxt = new ConcurrentHashMap<>();
    private final JmDNS jmdns;
    private final ServiceHostAddresses hosts;

    private final Object closeLock = new Object();
    private boolean closed;
    /** Guarded by itself. */
    private final QuerySchedule questions = new QuerySchedule(System.currentTimeMillis());

    private BrowsingResponder(LocalAddress local, JmDNS jmdns, ApplianceRegistry registry,
            Set<String> serviceTypesSeen, PeerSightings peers) {
        this.peers = peers;
        this.local = local;
        this.jmdns = jmdns;
        this.hosts = new ServiceHostAddresses(local, jmdns, this::whileOpen);
        this.registry = registry;
        this.serviceTypesSeen = serviceTypesSeen;
    }

    /**
     * @param serviceTypesSeen collects the DNS-SD service types other responders answer with, which
     *                         shows that multicast answers arrive at all
     * @param peers            where colleagues' clients in peer mode are reported
     */
    static BrowsingResponder open(LocalAddress local, String hostLabel, ApplianceRegistry registry,
            Set<String> serviceTypesSeen, PeerSightings peers) throws IOException {
        JmDNS jmdns = Jmdns.open(local, hostLabel);
        BrowsingResponder responder = new BrowsingResponder(local, jmdns, registry, serviceTypesSeen, peers);
        try {
            jmdns.addServiceListener(Jmdns.SERVICE_TYPE, responder);
            if (peers.wanted()) {
                responder.browsePeers(true);
            }
            jmdns.addServiceTypeListener(responder);
        } catch (IOException | RuntimeException e) {
            Jmdns.close(jmdns);
            throw e;
        }
        return responder;
    }

    @Override
    public void serviceAdded(ServiceEvent event) {
        // "Added" carries only the name, often with an empty TXT: ask for the rest and act on "resolved".
        // A 1 ms timeout makes the request asynchronous instead of blocking JmDNS's event thread; persistent
        // means later changes (a new address, a new TXT) are reported as further resolutions.
        whileOpen(() -> event.getDNS().requestServiceInfo(event.getType(), event.getName(), true, 1));
    }

    /**
     * Runs a call that may start JmDNS tasks, unless this responder is closing. JmDNS creates the timer
     * threads of an instance on first use and disposes of them in {@code close()}; a request that reaches it
     * after that (a late "added" event from its listener queue, our own cache sweep) would create fresh
     * timers that nothing ever stops.
     */
    private void whileOpen(Runnable call) {
        synchronized (closeLock) {
            if (!closed) {
                call.run();
            }
        }
    }

    @Override
    public void serviceResolved(ServiceEvent event) {
        ServiceInfo info = event.getInfo();
        if (info == null) {
            return;
        }
        try {
            DiscoveredAppliance appliance = DiscoveredAppliance.fromResolution(info.getName(),
                    scoped(hosts.of(info, () -> serviceResolved(event))),
                    info.getPort(), TxtRecord.decode(info.getTextBytes()));
            rejectedTxt.remove(info.getName());
            registry.resolved(local, appliance);
        } catch (IllegalArgumentException e) {
            // Partial resolutions are normal (TXT not there yet); log each distinct problem once.
            if (!e.getMessage().equals(rejectedTxt.put(info.getName(), e.getMessage()))) {
                log.debug("Ignoring \"{}\" seen on {}: {}", info.getName(), local, e.getMessage());
            }
        }
    }

    @Override
    public void serviceRemoved(ServiceEvent event) {
        hosts.forget(event.getName(), event.getType());
        registry.removed(local, event.getName());
        synchronized (questions) {
            questions.restart(System.currentTimeMillis());
        }
    }

    @Override
    public void serviceTypeAdded(ServiceEvent event) {
        serviceTypesSeen.add(event.getType());
    }

    @Override
    public void subTypeForServiceTypeAdded(ServiceEvent event) {
        // Subtypes say nothing more about whether multicast works.
    }

    /**
     * IPv6 link-local addresses arrive without a scope and cannot be connected to as they are; they belong
     * to the link this responder listens on.
     */
    private List<InetAddress> scoped(List<InetAddress> resolved) {
        List<InetAddress> addresses = new ArrayList<>();
        for (InetAddress address : resolved) {
            if (address instanceof Inet6Address v6 && v6.isLinkLocalAddress() && v6.getScopeId() == 0) {
                try {
                    NetworkInterface nif = NetworkInterface.getByName(local.interfaceName());
                    if (nif != null) {
                        addresses.add(Inet6Address.getByAddress(null, v6.getAddress(), nif));
                        continue;
                    }
                } catch (SocketException | UnknownHostException e) {
                    log.debug("cannot scope {} to {}", address, local, e);
                }
            }
            addresses.add(address);
        }
        return addresses;
    }

    /** Called once a second: removes what expired, and asks again for the services browsed when that is due. */
    void sweep() {
        expireRecords();
        long now = System.currentTimeMillis();
        boolean due;
        synchronized (questions) {
            due = questions.due(now);
        }
        if (due && jmdns instanceof JmDNSImpl impl) {
            whileOpen(() -> askAgain(impl, now));
        }
    }

    /**
     * Removes expired records now and fires the removals. JmDNS does this only every ten seconds, so a
     * goodbye (which shortens a record's life to one second) would take up to eleven seconds to show.
     */
    private void expireRecords() {
        // JmDNSImpl is JmDNS's own implementation class; its public cleanCache() is what its reaper calls.
        if (jmdns instanceof JmDNSImpl impl) {
            whileOpen(impl::cleanCache);
        }
    }

    /**
     * One query for the service types browsed ({@link QuerySchedule}), listing the answers already held with more
     * than half their TTL left (RFC 6762 §7.1), so that responders send only what is new.
     */
    private void askAgain(JmDNSImpl impl, long now) {
        List<String> types = browsingPeers ? List.of(Jmdns.SERVICE_TYPE, Jmdns.PEER_SERVICE_TYPE) : List.of(Jmdns.SERVICE_TYPE);
        try {
            DNSOutgoing query = new DNSOutgoing(DNSConstants.FLAGS_QR_QUERY, true);
            for (String type : types) {
                query.addQuestion(DNSQuestion.newQuestion(type, DNSRecordType.TYPE_PTR, DNSRecordClass.CLASS_IN,
                        DNSRecordClass.NOT_UNIQUE));
            }
            for (String type : types) {
                for (DNSEntry known : impl.getCache().getDNSEntryList(type, DNSRecordType.TYPE_PTR, DNSRecordClass.CLASS_IN)) {
                    if (known instanceof DNSRecord record && !record.isStale(now)) {
                        query.addAnswer(oneLabelInstance(record, now), 0);
                    }
                }
            }
            impl.send(query);
        } catch (IOException | RuntimeException e) {
            log.debug("Asking again for {} on {} failed: {}", types, local, e.toString());
        }
    }

    /**
     * A cached PTR record as a known answer that names the instance as one label (RFC 6763 §4.3). JmDNS keeps the
     * target as read, dots and all, and writes it back split at every dot: for "2. Stock" the known answer named a
     * record nobody has, and suppressed nothing. Its TTL is what is left of the cached one's (RFC 6762 §7.1).
     */
    private static DNSRecord oneLabelInstance(DNSRecord cached, long now) {
        int remaining = (int) Math.max(0, (cached.getCreated() + cached.getTTL() * 1000L - now) / 1000);
        String instance = cached.getServiceInfo(false).getName();
        return new DNSRecord.Pointer(cached.getName(), DNSRecordClass.CLASS_IN, false, remaining,
                Jmdns.escapedName(instance, cached.getName()));
    }

    @Override
    public void close() {
        synchronized (closeLock) {
            closed = true;
        }
        Jmdns.close(jmdns);
        registry.sourceClosed(local);
        peers.sourceClosed(local);
    }

    /**
     * Starts or stops browsing for colleagues' clients in peer mode: only while someone wants them (a client in
     * peer mode, a lanchat send without the appliance), so that clients do not query the LAN for peers all day.
     */
    void browsePeers(boolean on) {
        synchronized (closeLock) {
            if (closed || on == browsingPeers) {
                return;
            }
            if (on) {
                jmdns.addServiceListener(Jmdns.PEER_SERVICE_TYPE, peerListener);
            } else {
                jmdns.removeServiceListener(Jmdns.PEER_SERVICE_TYPE, peerListener);
            }
            browsingPeers = on;
        }
        if (!on) {
            peers.sourceClosed(local);
        }
    }

    /** Colleagues' clients in peer mode (PROTOCOL.md §10): resolved like appliances, reported apart. */
    private final class PeerListener implements ServiceListener {
        @Override
        public void serviceAdded(ServiceEvent event) {
            BrowsingResponder.this.serviceAdded(event); // resolved the same way
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            ServiceInfo info = event.getInfo();
            if (info == null) {
                return;
            }
            try {
                List<InetAddress> addresses = hosts.of(info, () -> serviceResolved(event));
                peers.resolved(local, DiscoveredPeer.fromResolution(info.getName(), addresses,
                        info.getPort(), TxtRecord.decode(info.getTextBytes())));
            } catch (IllegalArgumentException e) {
                log.debug("Ignoring peer \"{}\" seen on {} for now: {}", info.getName(), local, e.getMessage());
            }
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            hosts.forget(event.getName(), event.getType());
            peers.removed(local, event.getName());
        }
    }
}
