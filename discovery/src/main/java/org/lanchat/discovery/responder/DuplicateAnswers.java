package org.lanchat.discovery.responder;

import java.util.List;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsRecord;

/**
 * Answers another host has just multicast that we were about to give too (RFC 6762 §7.4): the shared
 * {@code _services._dns-sd._udp} PTR that every responder with a service answers, or a proxy repeating our records.
 * Every cache on the link has them now, so our own copy counts as sent: a reply still waiting its 20-120 ms leaves
 * them out, as Avahi does. Pure: a response and our claim in, our records it carried out.
 */
final class DuplicateAnswers {
    private DuplicateAnswers() {
    }

    /**
     * Our records that {@code response} answers with the same name, type, class and data, and a TTL at least ours
     * (one with less would leave caches expiring it sooner than we mean).
     */
    static List<DnsRecord> ofOurRecords(DnsMessage response, Claim claim) {
        return claim.all().stream()
                .filter(mine -> response.answers().stream().anyMatch(theirs -> theirs.sameData(mine) && theirs.ttl() >= mine.ttl()))
                .toList();
    }
}
