package org.lanchat.discovery.responder;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsRecord;

/**
 * Known answers that arrive after a truncated query (RFC 6762 §7.2): a querier with more known answers than fit one
 * packet sets TC and sends the rest in further packets from the same address; its answer waits 400-500 ms for them
 * ({@link Answerer}) and then leaves out what they list, as it leaves out the known answers of the query itself. Used
 * by one responder thread only.
 */
final class TruncatedQueries {
    /** Known answers heard from each querier whose truncated query's answer is still waiting. */
    private final Map<InetAddress, List<DnsRecord>> knownBy = new HashMap<>();

    /** A truncated query from {@code querier} is being answered later: its further packets are listened for. */
    void awaitFollowUps(InetAddress querier) {
        knownBy.putIfAbsent(querier, new ArrayList<>());
    }

    /** Notes the known answers of a query from {@code querier}, if its truncated query's answer is waiting. */
    void heard(InetAddress querier, DnsMessage query) {
        List<DnsRecord> known = knownBy.get(querier);
        if (known != null) {
            known.addAll(query.answers());
        }
    }

    /**
     * The waiting answer to {@code querier} without the records its further packets said it knows with at least half
     * their TTL left; forgets the querier.
     */
    DnsMessage withoutKnown(InetAddress querier, DnsMessage answer) {
        List<DnsRecord> known = knownBy.remove(querier);
        if (known == null || known.isEmpty()) {
            return answer;
        }
        return new DnsMessage(answer.id(), answer.flags(), answer.questions(), unknown(answer.answers(), known),
                answer.authorities(), unknown(answer.additionals(), known));
    }

    void clear() {
        knownBy.clear();
    }

    private static List<DnsRecord> unknown(List<DnsRecord> records, List<DnsRecord> known) {
        return records.stream()
                .filter(r -> known.stream().noneMatch(k -> k.sameData(r) && k.ttl() >= r.ttl() / 2))
                .toList();
    }
}
