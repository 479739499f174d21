package org.lanchat.discovery;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Advertises the appliance on the LAN as a DNS-SD service of type {@code _lanchat._tcp} until closed.
 *
 * <pre>{@code
 * ServiceDescription description = new ServiceDescription(config.name(), port, PROTOCOL_VERSION,
 *         ApplianceId.loadOrCreate(config.dataDir()), identity.fingerprint());
 * try (ApplianceAdvertiser advertiser = ApplianceAdvertiser.start(description, InterfaceSelection.automatic())) {
 *     List<ResponderStatus> responders = advertiser.awaitAnnounced(Duration.ofSeconds(10)); // before "ready"
 *     log.info("advertised on {}", responders.stream().filter(ResponderStatus::announced).toList());
 *     ... serve ...
 * } // goodbye packets go out here: browsers drop the appliance at once instead of when records expire
 * }</pre>
 *
 * <p>One responder runs per selected IPv4 interface address (see {@code org.lanchat.discovery.responder}),
 * each answering with that interface's address only. Interfaces
 * are rescanned every {@link InterfaceSelection#rescanInterval()}: responders are started for addresses
 * that appear and stopped for addresses that go away, so an appliance that boots before its network is up,
 * or gets a new DHCP lease, is advertised correctly without a restart. A name another device already holds
 * is resolved by the DNS-SD rule ("LAN Chat (2)") and logged; it never fails the start. A name this
 * appliance holds is defended: a newcomer that wants it gets the "(2)".
 */
public interface ApplianceAdvertiser extends AutoCloseable {

    /**
     * Starts advertising: starts a responder for each address present now and returns while they probe for
     * the name and announce it (see {@link #awaitAnnounced}). With no usable interface yet it logs a warning,
     * returns, and starts advertising when one comes up.
     */
    static ApplianceAdvertiser start(ServiceDescription description, InterfaceSelection interfaces) {
        return ResponderAdvertiser.start(description, interfaces);
    }

    ServiceDescription description();

    /** The responders running now. */
    List<ResponderStatus> responders();

    /**
     * Waits, at most {@code timeout}, until the responders running now have probed and announced, which
     * settles the names in use and means clients can find the appliance: under a second without a conflict.
     * Returns the responders then. Report the start with the announced ones among them: a responder announced later
     * (an interface that comes up, a name won after a conflict storm) logs its own "Advertising" line.
     */
    List<ResponderStatus> awaitAnnounced(Duration timeout) throws InterruptedException;

    /** The instance names in use; more than one only if a conflict renamed the service on some links. */
    default Set<String> namesInUse() {
        Set<String> names = new LinkedHashSet<>();
        responders().forEach(responder -> names.add(responder.instanceName()));
        return names;
    }

    /**
     * Sends goodbye packets, stops every responder and thread, and returns when they are stopped, within
     * moments. Call it before the JVM exits, or browsers keep listing the appliance until its records expire.
     */
    @Override
    void close();
}
