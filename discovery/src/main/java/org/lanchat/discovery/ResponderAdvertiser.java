package org.lanchat.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lanchat.discovery.responder.LinkMap;

/**
 * {@link ApplianceAdvertiser} on our own responder: an {@link AddressWatcher} of {@link AdvertisingResponder}s,
 * one per interface on one of its IPv4 addresses (see {@link AddressPlan#oneAddressPerInterface}), sharing the
 * {@link LinkMap} that tells them which link a datagram came from.
 */
final class ResponderAdvertiser implements ApplianceAdvertiser {
    private final ServiceDescription description;
    private final AddressWatcher<AdvertisingResponder> watcher;
    private final AtomicBoolean startReported;

    private ResponderAdvertiser(ServiceDescription description, AddressWatcher<AdvertisingResponder> watcher,
            AtomicBoolean startReported) {
        this.description = description;
        this.watcher = watcher;
        this.startReported = startReported;
    }

    static ResponderAdvertiser start(ServiceDescription description, InterfaceSelection interfaces) {
        LinkMap links = new LinkMap();
        AdvertisingResponder.WonNames won = new AdvertisingResponder.WonNames();
        AtomicBoolean startReported = new AtomicBoolean();
        // IPv4 only: office clients reach the appliance over IPv4, and its host name says so with an NSEC
        // record, so nobody waits for an IPv6 address that will not come.
        AddressWatcher<AdvertisingResponder> watcher = new AddressWatcher<>("advertiser", interfaces.withIpv6(false),
                InterfaceSnapshot::scanSystem,
                (local, label) -> AdvertisingResponder.open(local, label, description, links, won, startReported),
                AdvertisingResponder::moveTo, AdvertisingResponder::checkup);
        watcher.start();
        return new ResponderAdvertiser(description, watcher, startReported);
    }

    @Override
    public ServiceDescription description() {
        return description;
    }

    @Override
    public List<ResponderStatus> responders() {
        return watcher.handles().values().stream().map(ResponderAdvertiser::status).toList();
    }

    private static ResponderStatus status(AdvertisingResponder r) {
        return new ResponderStatus(r.local().interfaceName(), r.local().address(), r.nameInUse(), r.hostName(),
                r.isAnnounced());
    }

    @Override
    public List<ResponderStatus> awaitAnnounced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (AdvertisingResponder responder : watcher.handles().values()) {
            if (responder.awaitAnnounced(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                responder.reportRename();
            }
        }
        // The caller reports the start with the announced ones in this list: from now on each other says so itself.
        List<ResponderStatus> statuses = new ArrayList<>();
        for (AdvertisingResponder responder : watcher.handles().values()) {
            ResponderStatus status = status(responder);
            if (status.announced()) {
                responder.markAnnouncementReported();
            }
            statuses.add(status);
        }
        startReported.set(true);
        return statuses;
    }

    @Override
    public void close() {
        watcher.close();
    }
}
