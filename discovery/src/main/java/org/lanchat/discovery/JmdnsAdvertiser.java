package org.lanchat.discovery;

import java.time.Duration;
import java.util.List;

/** {@link ApplianceAdvertiser} on JmDNS: an {@link AddressWatcher} of {@link AdvertisingResponder}s. */
final class JmdnsAdvertiser implements ApplianceAdvertiser {
    private final ServiceDescription description;
    private final AddressWatcher<AdvertisingResponder> watcher;

    private JmdnsAdvertiser(ServiceDescription description, AddressWatcher<AdvertisingResponder> watcher) {
        this.description = description;
        this.watcher = watcher;
    }

    static JmdnsAdvertiser start(ServiceDescription description, InterfaceSelection interfaces) {
        Jmdns.ensureConfigured();
        AddressWatcher<AdvertisingResponder> watcher = new AddressWatcher<>("advertiser", interfaces,
                InterfaceSnapshot::scanSystem, (local, label) -> AdvertisingResponder.open(local, label, description),
                AdvertisingResponder::reportRename);
        watcher.start();
        return new JmdnsAdvertiser(description, watcher);
    }

    @Override
    public ServiceDescription description() {
        return description;
    }

    @Override
    public List<ResponderStatus> responders() {
        return watcher.handles().values().stream()
                .map(r -> new ResponderStatus(r.local().interfaceName(), r.local().address(), r.nameInUse(),
                        r.isAnnounced()))
                .toList();
    }

    @Override
    public List<ResponderStatus> awaitAnnounced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (AdvertisingResponder responder : watcher.handles().values()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (responder.awaitAnnounced(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                responder.reportRename();
            }
        }
        return responders();
    }

    @Override
    public void close() {
        watcher.close();
    }
}
