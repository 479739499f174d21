package org.lanchat.discovery.dns;

import java.util.Objects;

/**
 * A question. {@code unicastResponse} is multicast DNS's QU bit, the top bit of the class (RFC 6762 §5.4).
 *
 * @param type   a {@link DnsType}, {@link DnsType#ANY} for all types
 * @param qclass the class without the QU bit: {@link DnsType#CLASS_IN} or {@link DnsType#CLASS_ANY}
 */
public record DnsQuestion(DnsName name, int type, int qclass, boolean unicastResponse) {
    public DnsQuestion {
        Objects.requireNonNull(name, "name");
    }

    public static DnsQuestion of(DnsName name, int type) {
        return new DnsQuestion(name, type, DnsType.CLASS_IN, false);
    }

    /** Whether {@code record} answers this question: same name, a matching type and class. */
    public boolean matches(DnsRecord record) {
        return record.name().equals(name) && (type == DnsType.ANY || type == record.type()) && asksInternetClass();
    }

    /** Whether this asks about the Internet class (IN, or ANY), the only one whose records anyone here has. */
    public boolean asksInternetClass() {
        return qclass == DnsType.CLASS_IN || qclass == DnsType.CLASS_ANY;
    }
}
