package org.lanchat.discovery;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * What the appliance tells the LAN about itself: the DNS-SD instance name people see, the TLS port, and
 * the TXT values a client needs before it connects (protocol version, appliance id, certificate
 * fingerprint).
 *
 * <p>The instance name is a wish: if another appliance already uses it, the advertiser takes the next
 * free one by the DNS-SD rule ("LAN Chat (2)") and reports the name actually in use through
 * {@link ApplianceAdvertiser#responders()}.
 *
 * @param instanceName    human-readable DNS-SD instance name, 1 to {@value #MAX_INSTANCE_NAME_BYTES} bytes of
 *                        UTF-8, no control characters; dots and any other characters are fine (RFC 6763 §4.3)
 * @param port            the appliance's TLS port, 1 to 65535
 * @param protocolVersion the wire-protocol version the appliance speaks, at least 1
 * @param applianceId     the stable id kept in the appliance's data directory
 * @param fingerprint     SHA-256 fingerprint of the certificate the TLS port presents
 */
public record ServiceDescription(
        String instanceName,
        int port,
        int protocolVersion,
        ApplianceId applianceId,
        CertificateFingerprint fingerprint) {

    /**
     * The instance name is one DNS label, at most 63 bytes (RFC 1035), and must still be one after a
     * conflict appends {@value #CONFLICT_SUFFIX_ROOM} bytes such as " (2)" or " (12)".
     */
    public static final int MAX_INSTANCE_NAME_BYTES = 58;
    /** The room kept for a conflict suffix: " (99)". */
    public static final int CONFLICT_SUFFIX_ROOM = 5;

    public ServiceDescription {
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(applianceId, "applianceId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (instanceName.isBlank()) {
            throw new IllegalArgumentException("instanceName must not be blank");
        }
        if (instanceName.getBytes(StandardCharsets.UTF_8).length > MAX_INSTANCE_NAME_BYTES) {
            throw new IllegalArgumentException("instanceName is " + instanceName.getBytes(StandardCharsets.UTF_8).length
                    + " bytes of UTF-8; at most " + MAX_INSTANCE_NAME_BYTES + " fit in one DNS label (63 bytes) with room for"
                    + " the suffix a name conflict adds, such as \" (2)\"");
        }
        if (instanceName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("instanceName must not contain control characters");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        if (protocolVersion < 1) {
            throw new IllegalArgumentException("protocolVersion must be at least 1, was " + protocolVersion);
        }
    }

    /**
     * The name used when the configuration names none: {@code "LAN Chat on <host>"} with this machine's
     * short host name as the kernel has it. No DNS lookup: on a box whose own name does not resolve,
     * {@code InetAddress.getLocalHost()} can take many seconds.
     */
    public static String defaultInstanceName() {
        return defaultInstanceName(machineHost());
    }

    /** This machine's host name without its domain: {@code vm} for {@code vm.example.org}. */
    public static String machineHost() {
        String machine = Jmdns.machineName();
        int dot = machine.indexOf('.');
        return dot > 0 ? machine.substring(0, dot) : machine;
    }

    /** {@code "LAN Chat on <host>"}, shortened by whole characters so it still fits one DNS label. */
    public static String defaultInstanceName(String host) {
        String name = "LAN Chat on " + host.strip();
        while (name.getBytes(StandardCharsets.UTF_8).length > MAX_INSTANCE_NAME_BYTES) {
            name = name.substring(0, name.offsetByCodePoints(name.length(), -1));
        }
        return name.strip();
    }
}
