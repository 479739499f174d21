package org.lanchat.discovery.responder;

import java.net.Inet4Address;
import java.util.List;
import java.util.Set;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsRecord;
import org.lanchat.discovery.dns.DnsType;

/**
 * What one link's responder publishes: a host name with its address, and a service instance. Immutable;
 * a rename makes a new claim.
 *
 * @param hostLabel     the host name's single label, {@code <hostLabel>.local}
 * @param instanceLabel the DNS-SD instance name, one label whatever it contains (RFC 6763 §4.3)
 */
record Claim(String hostLabel, String instanceLabel, DnsName serviceType, Inet4Address address, int port,
        byte[] txt) {
    static final DnsName SERVICES = DnsName.parse("_services._dns-sd._udp.local");

    Claim {
        txt = txt.clone();
        // Fails here, at start, for a label that cannot go on the wire.
        DnsName.LOCAL.prepend(hostLabel);
        serviceType.prepend(instanceLabel);
    }

    @Override
    public byte[] txt() {
        return txt.clone();
    }

    DnsName hostName() {
        return DnsName.LOCAL.prepend(hostLabel);
    }

    DnsName instanceName() {
        return serviceType.prepend(instanceLabel);
    }

    Claim withHostLabel(String label) {
        return new Claim(label, instanceLabel, serviceType, address, port, txt);
    }

    Claim withInstanceLabel(String label) {
        return new Claim(hostLabel, label, serviceType, address, port, txt);
    }

    Claim withAddress(Inet4Address newAddress) {
        return new Claim(hostLabel, instanceLabel, serviceType, newAddress, port, txt);
    }

    DnsRecord.A addressRecord() {
        return new DnsRecord.A(hostName(), Ttl.host(), true, address);
    }

    /** The host has an IPv4 address and nothing else: no AAAA, so querier need not wait for one (§6.1). */
    DnsRecord.Nsec hostNsec() {
        return new DnsRecord.Nsec(hostName(), Ttl.host(), true, Set.of(DnsType.A));
    }

    DnsRecord.Srv srv() {
        return new DnsRecord.Srv(instanceName(), Ttl.host(), true, 0, 0, port, hostName());
    }

    DnsRecord.Txt txtRecord() {
        return new DnsRecord.Txt(instanceName(), Ttl.other(), true, txt);
    }

    DnsRecord.Nsec instanceNsec() {
        return new DnsRecord.Nsec(instanceName(), Ttl.host(), true, Set.of(DnsType.TXT, DnsType.SRV));
    }

    DnsRecord.Ptr ptr() {
        return new DnsRecord.Ptr(serviceType, Ttl.other(), false, instanceName());
    }

    /** Service type enumeration (RFC 6763 §9). */
    DnsRecord.Ptr enumeration() {
        return new DnsRecord.Ptr(SERVICES, Ttl.other(), false, serviceType);
    }

    /** Every record, NSECs included, in the order an announcement lists them. */
    List<DnsRecord> all() {
        return List.of(ptr(), srv(), txtRecord(), addressRecord(), enumeration(), hostNsec(), instanceNsec());
    }

    /** The records a probe proposes, in its authority section (§8.1): only the unique ones, without NSEC. */
    List<DnsRecord> proposed() {
        return List.of(srv().with(Ttl.host(), false), txtRecord().with(Ttl.other(), false),
                addressRecord().with(Ttl.host(), false));
    }

    /** Names this host owns alone: for them a missing type is answered with NSEC. */
    boolean ownsUniquely(DnsName name) {
        return name.equals(hostName()) || name.equals(instanceName());
    }
}
