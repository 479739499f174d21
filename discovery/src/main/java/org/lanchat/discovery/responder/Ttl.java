package org.lanchat.discovery.responder;

/**
 * Record lifetimes (RFC 6762 §10): 120 s for records that name a host or its address (SRV, A, and their
 * NSEC), 75 minutes for the rest (PTR, TXT), as Avahi and Bonjour use. A crashed appliance leaves clients'
 * lists when its SRV and address expire, two minutes after its last answer.
 *
 * <p>{@value #OVERRIDE_PROPERTY} sets every TTL to one number of seconds: for tests that watch records
 * expire, never for production.
 */
final class Ttl {
    static final String OVERRIDE_PROPERTY = "org.lanchat.discovery.ttl";
    static final long HOST_RECORDS = 120;
    static final long OTHER_RECORDS = 4500;
    /** Legacy unicast answers (RFC 6762 §6.7): the querier caches them like ordinary DNS answers. */
    static final long LEGACY_UNICAST_MAX = 10;

    private Ttl() {
    }

    static long host() {
        return override(HOST_RECORDS);
    }

    static long other() {
        return override(OTHER_RECORDS);
    }

    private static long override(long normal) {
        String value = System.getProperty(OVERRIDE_PROPERTY);
        if (value == null) {
            return normal;
        }
        try {
            return Math.max(1, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return normal;
        }
    }
}
