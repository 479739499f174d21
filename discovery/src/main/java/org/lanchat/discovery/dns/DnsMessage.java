package org.lanchat.discovery.dns;

import java.util.List;

/**
 * A DNS message: header fields and the four sections.
 *
 * @param id    zero in multicast DNS, except in answers to legacy unicast queries, which echo the query's
 * @param flags the header's second 16 bits (QR, opcode, AA, TC, ...)
 */
public record DnsMessage(int id, int flags, List<DnsQuestion> questions, List<DnsRecord> answers,
        List<DnsRecord> authorities, List<DnsRecord> additionals) {
    public static final int FLAG_RESPONSE = 0x8000;
    public static final int FLAG_AUTHORITATIVE = 0x0400;
    public static final int FLAG_TRUNCATED = 0x0200;
    public static final int OPCODE_MASK = 0x7800;
    public static final int RCODE_MASK = 0x000f;

    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
    }

    /** A multicast DNS response (RFC 6762 §18): id 0, QR and AA set, no questions. */
    public static DnsMessage response(List<DnsRecord> answers, List<DnsRecord> additionals) {
        return new DnsMessage(0, FLAG_RESPONSE | FLAG_AUTHORITATIVE, List.of(), answers, List.of(), additionals);
    }

    public static DnsMessage query(List<DnsQuestion> questions, List<DnsRecord> knownAnswers,
            List<DnsRecord> authorities) {
        return new DnsMessage(0, 0, questions, knownAnswers, authorities, List.of());
    }

    public boolean isResponse() {
        return (flags & FLAG_RESPONSE) != 0;
    }

    public boolean isTruncated() {
        return (flags & FLAG_TRUNCATED) != 0;
    }

    /** The opcode; multicast DNS ignores messages whose opcode is not 0 (standard query), RFC 6762 §18.3. */
    public int opcode() {
        return (flags & OPCODE_MASK) >>> 11;
    }

    public int rcode() {
        return flags & RCODE_MASK;
    }
}
