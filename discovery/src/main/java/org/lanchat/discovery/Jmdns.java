package org.lanchat.discovery;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import javax.jmdns.JmDNS;
import javax.jmdns.impl.JmDNSImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that creates and closes {@link JmDNS} instances, working around the ways JmDNS goes
 * wrong when left to itself.
 *
 * <ul>
 *   <li>It would pick its own address ({@code 127.0.1.1} on Debian, a stale link-local one): we always
 *       hand it one address we selected, so each instance answers on exactly one interface.</li>
 *   <li>It reverse-resolves that address to check the host name, which stalls for seconds when DNS does
 *       not answer and sends DNS queries we never want: we hand it an {@code InetAddress} whose host name
 *       is already set, so there is nothing to look up.</li>
 *   <li>Its record TTL is one hour, so a crashed appliance would stay in clients' lists for an hour:
 *       unless {@value #TTL_PROPERTY} is set, we set the 120 seconds RFC 6762 §10 recommends for
 *       host-related records. JmDNS reads it once per process, when its classes load.</li>
 *   <li>It leaks threads unless closed, and can start them again after it closed: every instance made here
 *       is closed by its owner, through {@link #close}, and takes its threads from {@link JmdnsTaskStarters}.</li>
 * </ul>
 */
final class Jmdns {
    static final String SERVICE_TYPE = "_lanchat._tcp.local.";
    /** Colleagues' clients while the appliance is away (PROTOCOL.md §10). */
    static final String PEER_SERVICE_TYPE = "_lanchat-peer._tcp.local.";
    static final String TTL_PROPERTY = "net.dns.ttl";
    static final int DEFAULT_TTL_SECONDS = 120;
    private static final int MAX_LABEL = 63;
    private static final Logger log = LoggerFactory.getLogger(Jmdns.class);

    static {
        if (System.getProperty(TTL_PROPERTY) == null) {
            System.setProperty(TTL_PROPERTY, Integer.toString(DEFAULT_TTL_SECONDS));
        }
        JmdnsTaskStarters.install();
    }

    private Jmdns() {
    }

    /** Runs the static set-up above; call before anything touches a JmDNS class. */
    static void ensureConfigured() {
        // The static initializer has done the work by the time this runs.
    }

    /**
     * Starts a JmDNS instance bound to one address of one interface, under the given host label.
     *
     * @throws IOException if the address is no longer on that interface (it changed since the scan), or the
     *                     multicast socket cannot be opened
     */
    static JmDNS open(LocalAddress local, String hostLabel) throws IOException {
        NetworkInterface nif = NetworkInterface.getByName(local.interfaceName());
        // JmDNS joins the group on the *default* interface when it cannot find one for its address; check
        // first so that a vanished address never sends our traffic somewhere else.
        if (nif == null || !nif.isUp() || !Collections.list(nif.getInetAddresses()).contains(local.address())) {
            throw new IOException(local + " is gone");
        }
        InetAddress named = local.address() instanceof Inet6Address v6
                ? Inet6Address.getByAddress(hostLabel, v6.getAddress(), nif)
                : InetAddress.getByAddress(hostLabel, local.address().getAddress());
        return JmDNS.create(named, hostLabel);
    }

    /** Unregisters (sending goodbye packets) and stops every thread of the instance. */
    static void close(JmDNS jmdns) {
        try {
            jmdns.unregisterAllServices();
            jmdns.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing {} failed; its threads are stopped regardless", jmdns.getName(), e);
        }
        if (jmdns instanceof JmDNSImpl impl) {
            JmdnsTaskStarters.finished(impl);
        }
    }

    /**
     * A service instance's full name as JmDNS must be handed it to send the instance as one label (RFC 6763 §4.3):
     * JmDNS keeps names as read, dots included, and splits a name it writes at every dot not escaped with a backslash.
     */
    static String escapedName(String instance, String type) {
        return instance.replace(".", "\\.") + "." + type;
    }

    /**
     * The mDNS host name of one responder: {@code <machine>-<interface>}, plus {@code -v6} and an ordinal
     * where one interface has several responders. Each responder needs its own name, because each answers
     * for its own address only; names are kept stable across address changes.
     */
    static String hostLabel(String machine, LocalAddress local, int ordinal) {
        String suffix = "-" + sanitize(local.interfaceName()) + (local.isIpv6() ? "-v6" : "")
                + (ordinal > 0 ? "-" + (ordinal + 1) : "");
        int dot = machine.indexOf('.');
        String base = sanitize(dot > 0 ? machine.substring(0, dot) : machine);
        if (base.length() + suffix.length() > MAX_LABEL) {
            base = base.substring(0, Math.max(1, MAX_LABEL - suffix.length()));
        }
        return base + suffix;
    }

    /**
     * The host name a browser's JmDNS claims (JmDNS always claims one): {@code <label>-browser}, so that a
     * client running on the appliance's own machine never claims the appliance's host name.
     */
    static String browserLabel(String hostLabel) {
        String suffix = "-browser";
        return (hostLabel.length() + suffix.length() > MAX_LABEL
                ? hostLabel.substring(0, MAX_LABEL - suffix.length()) : hostLabel) + suffix;
    }

    /**
     * This machine's host name as the kernel has it, without any DNS lookup (which is what makes
     * {@code InetAddress.getLocalHost()} slow on a box whose name does not resolve).
     */
    static String machineName() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read the kernel host name", e);
        }
        String env = System.getenv("HOSTNAME") != null ? System.getenv("HOSTNAME") : System.getenv("COMPUTERNAME");
        return env == null || env.isBlank() ? "lanchat" : env.strip();
    }

    /** Lower-case letters, digits and single inner hyphens: what a host-name label may hold. */
    static String sanitize(String name) {
        String label = name.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        return label.isEmpty() ? "lanchat" : label;
    }
}
