package org.lanchat.discovery;

import java.io.IOException;
import java.time.Duration;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import javax.jmdns.impl.ServiceInfoImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One JmDNS instance advertising the appliance on one interface address. */
final class AdvertisingResponder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdvertisingResponder.class);

    private final LocalAddress local;
    private final JmDNS jmdns;
    private final ServiceInfo info;
    private final String wantedName;
    private String lastReportedName;

    private AdvertisingResponder(LocalAddress local, JmDNS jmdns, ServiceInfo info, String wantedName) {
        this.local = local;
        this.jmdns = jmdns;
        this.info = info;
        this.wantedName = wantedName;
        this.lastReportedName = wantedName;
    }

    /**
     * Starts a responder and registers the service. JmDNS then probes for the name and announces it in the
     * background; see {@link #awaitAnnounced}.
     */
    static AdvertisingResponder open(LocalAddress local, String hostLabel, ServiceDescription description)
            throws IOException {
        JmDNS jmdns = Jmdns.open(local, hostLabel);
        try {
            ServiceInfo info = ServiceInfo.create(Jmdns.SERVICE_TYPE, description.instanceName(), description.port(),
                    0, 0, TxtRecord.encode(TxtRecord.entries(description)));
            jmdns.registerService(info);
            AdvertisingResponder responder = new AdvertisingResponder(local, jmdns, info, description.instanceName());
            responder.reportRename();
            return responder;
        } catch (IOException | RuntimeException e) {
            Jmdns.close(jmdns);
            throw e;
        }
    }

    /**
     * Waits until JmDNS has probed for the name and announced the service, which settles the name in use.
     * That takes about four seconds: JmDNS probes at one-second intervals while its host name is new, rather
     * than the 250 ms RFC 6762 allows.
     */
    boolean awaitAnnounced(Duration timeout) {
        // ServiceInfoImpl is what JmDNS.registerService keeps; its public state methods are JmDNS's own.
        return isAnnounced()
                || info instanceof ServiceInfoImpl impl && impl.waitForAnnounced(Math.max(1, timeout.toMillis()));
    }

    boolean isAnnounced() {
        return info instanceof ServiceInfoImpl impl && impl.isAnnounced();
    }

    /** The instance name in use: JmDNS renames the service ("X (2)") when another device already has it. */
    String nameInUse() {
        return info.getName();
    }

    LocalAddress local() {
        return local;
    }

    /** Logs a rename once: a conflict is worth an admin's attention, never a crash. */
    synchronized void reportRename() {
        String current = info.getName();
        if (!current.equals(lastReportedName)) {
            log.warn("Another device on {} already advertises \"{}\"; this appliance is advertised there as \"{}\"",
                    local, wantedName, current);
            lastReportedName = current;
        }
    }

    @Override
    public void close() {
        Jmdns.close(jmdns);
    }
}
