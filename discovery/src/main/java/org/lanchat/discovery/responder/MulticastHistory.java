package org.lanchat.discovery.responder;

import java.util.HashMap;
import java.util.Map;
import org.lanchat.discovery.dns.DnsRecord;

/**
 * When each of our records last went out by multicast: a record is multicast at most once a second
 * (RFC 6762 §6), and a QU question is answered by unicast only while the record was multicast recently
 * enough for everyone else's caches to hold it (§5.4). Used by one responder thread only.
 */
final class MulticastHistory {
    private final Map<DnsRecord, Long> sentAt = new HashMap<>();

    void sent(Iterable<DnsRecord> records, long nowMillis) {
        for (DnsRecord record : records) {
            sentAt.put(key(record), nowMillis);
        }
    }

    /** Whether {@code record} went out by multicast within the last {@code millis}. */
    boolean within(DnsRecord record, long millis, long nowMillis) {
        Long at = sentAt.get(key(record));
        return at != null && nowMillis - at < millis;
    }

    /** How long until {@code record} may be multicast again, {@code windowMillis} after it last was; 0 if now. */
    long millisUntilFree(DnsRecord record, long windowMillis, long nowMillis) {
        Long at = sentAt.get(key(record));
        return at == null ? 0 : Math.max(0, at + windowMillis - nowMillis);
    }

    void clear() {
        sentAt.clear();
    }

    private static DnsRecord key(DnsRecord record) {
        return record.with(0, false);
    }
}
