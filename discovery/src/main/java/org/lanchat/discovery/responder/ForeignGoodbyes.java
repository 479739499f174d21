package org.lanchat.discovery.responder;

import java.util.ArrayList;
import java.util.List;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsRecord;

/**
 * Goodbyes that another host sends for records we still own (RFC 6762 §10.1): a second appliance shutting down
 * says goodbye for the {@code _services._dns-sd._udp} PTR we share with it, or a confused or malicious device
 * copies one of ours with TTL 0. Every cache that hears it drops the record a second later, though we still
 * publish it, and would not ask for it again until someone browses anew; so we announce it again, as Avahi does.
 * Pure: a response and our claim in, the records to announce again out.
 */
final class ForeignGoodbyes {
    private ForeignGoodbyes() {
    }

    /**
     * Our records, with their TTLs, that {@code response} says goodbye for: a TTL-0 record with the same name,
     * type, class and data as one of ours. Goodbyes for other data under our names (a previous address of ours, a
     * record of another host) are none of our business.
     */
    static List<DnsRecord> ofOurRecords(DnsMessage response, Claim claim) {
        List<DnsRecord> theirs = new ArrayList<>(response.answers());
        theirs.addAll(response.additionals());
        List<DnsRecord> goodbyes = theirs.stream().filter(record -> record.ttl() == 0).toList();
        return claim.all().stream().filter(mine -> goodbyes.stream().anyMatch(mine::sameData)).toList();
    }
}
