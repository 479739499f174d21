package org.lanchat.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lanchat.discovery.responder.LinkMap;
import org.lanchat.discovery.responder.LinkResponder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The appliance's service on one interface, on one of its addresses: a {@link LinkResponder} and the rename it reports. */
final class AdvertisingResponder implements AutoCloseable {
    /**
     * The names won on each interface, by interface name: a link that was down long enough for its responder to close
     * comes back under the names it had, as Avahi's do, instead of claiming the original again and losing a
     * conflict round to the device that holds it.
     */
    static final class WonNames {
        private record Names(String hostLabel, String instanceName) {
        }

        private final Map<String, Names> byInterface = new ConcurrentHashMap<>();

        private void remember(String interfaceName, LinkResponder responder) {
            if (responder.isAnnounced()) {
                byInterface.put(interfaceName, new Names(responder.hostLabel(), responder.instanceName()));
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(AdvertisingResponder.class);

    private static final LinkChanges LINK_CHANGES = new LinkChanges();

    private volatile LocalAddress local;
    private final LinkResponder responder;
    private final String wantedName;
    private String lastReportedName;
    /** The interface's count of link changes when last looked at; empty where the system keeps none. */
    private OptionalLong linkChanges;

    private final WonNames won;
    /** Set once the start has been reported (the appliance's "Advertising …" line): what comes after says so itself. */
    private final AtomicBoolean startReported;
    private boolean announcementReported;

    private AdvertisingResponder(LocalAddress local, LinkResponder responder, String wantedName, WonNames won,
            AtomicBoolean startReported) {
        this.local = local;
        this.responder = responder;
        this.wantedName = wantedName;
        this.lastReportedName = responder.instanceName(); // a name kept from before was reported when it was won
        this.won = won;
        this.startReported = startReported;
        this.linkChanges = LINK_CHANGES.count(local.interfaceName());
    }

    /**
     * Starts probing for the names on {@code local}, those it last won there if any; see {@link #awaitAnnounced}.
     *
     * @param startReported true once the advertiser's start has been reported: a responder announced after that (an
     *                      interface that came up later, a link back after a long absence) logs its own line
     */
    static AdvertisingResponder open(LocalAddress local, String hostLabel, ServiceDescription description,
            LinkMap links, WonNames won, AtomicBoolean startReported) throws IOException {
        NetworkInterface nif = local.ipv4Interface();
        WonNames.Names kept = won.byInterface.getOrDefault(local.interfaceName(),
                new WonNames.Names(hostLabel, description.instanceName()));
        LinkResponder responder = LinkResponder.start(nif, (Inet4Address) local.address(), kept.hostLabel(),
                kept.instanceName(), Jmdns.SERVICE_TYPE, description.port(),
                TxtRecord.encode(TxtRecord.entries(description)), links);
        return new AdvertisingResponder(local, responder, description.instanceName(), won, startReported);
    }

    /** Moves to another address of the same interface, keeping the names; see {@link LinkResponder#moveTo}. */
    void moveTo(LocalAddress to) throws IOException {
        responder.moveTo(to.ipv4Interface(), (Inet4Address) to.address());
        local = to;
    }

    boolean awaitAnnounced(Duration timeout) throws InterruptedException {
        return responder.awaitAnnounced(timeout);
    }

    boolean isAnnounced() {
        return responder.isAnnounced();
    }

    /** The instance name in use: "X (2)" when another device already had the name on this link. */
    String nameInUse() {
        return responder.instanceName();
    }

    /** The host name in use: "label-2.local" when another device already had the label on this link. */
    String hostName() {
        return responder.hostLabel() + ".local";
    }

    LocalAddress local() {
        return local;
    }

    /** Called at every interface scan: probes and announces again after a link change, and reports a rename. */
    void checkup() {
        OptionalLong now = LINK_CHANGES.count(local.interfaceName());
        if (now.isPresent() && linkChanges.isPresent() && now.getAsLong() != linkChanges.getAsLong()) {
            log.info("mDNS on {}: the link went down or up; probing and announcing again (RFC 6762 §8)", local);
            responder.probeAgain();
        }
        linkChanges = now;
        reportRename();
        reportAnnouncement();
        won.remember(local.interfaceName(), responder);
    }

    /** Counts this responder's announcement as told, by the start's report that named it. */
    synchronized void markAnnouncementReported() {
        announcementReported = true;
    }

    /**
     * An appliance that booted before its network logged only that it would advertise once an interface is up: this
     * says, once, that it now does there.
     */
    private synchronized void reportAnnouncement() {
        if (!announcementReported && startReported.get() && responder.isAnnounced()) {
            log.info("Advertising \"{}\" as {} on {} ({})", responder.instanceName(), Jmdns.SERVICE_TYPE, local,
                    hostName());
            announcementReported = true;
        }
    }

    /**
     * Logs a rename once: a conflict is worth an admin's attention, never a crash. Only once the new name is announced:
     * during a burst of conflicts a name still being probed may be lost too, and the log named it seconds before.
     */
    synchronized void reportRename() {
        String current = responder.instanceName();
        if (!current.equals(lastReportedName) && responder.isAnnounced()) {
            log.warn("Another device on {} already advertises \"{}\"; this appliance is advertised there as \"{}\"",
                    local, wantedName, current);
            lastReportedName = current;
        }
    }

    @Override
    public void close() {
        won.remember(local.interfaceName(), responder);
        responder.close();
    }
}
