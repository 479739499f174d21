package org.lanchat.discovery.responder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.lanchat.discovery.dns.DnsCodec;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsQuestion;
import org.lanchat.discovery.dns.DnsRecord;
import org.lanchat.discovery.dns.DnsType;

/**
 * Decides the answer to one query and where it goes (RFC 6762 §5-7). Pure: the query, our records and
 * what we multicast lately in; a {@link Reply} out, or none.
 *
 * <ul>
 *   <li>Only names we publish are answered; a query for any other name ({@code printer.local},
 *       {@code localhost}) gets silence (§6).</li>
 *   <li>A type our unique name lacks (AAAA) is answered with an NSEC listing the types it has (§6.1).</li>
 *   <li>Known answers the querier holds with at least half their TTL left are not repeated (§7.1).</li>
 *   <li>A query from a port other than 5353 is a legacy unicast query (§6.7): answered by unicast to that
 *       port, echoing its id and question, TTLs at most 10 s, no cache-flush bits.</li>
 *   <li>A query sent to our own address is answered by unicast (§5.5); a QU question by unicast while our
 *       answer was multicast within a quarter of its TTL (§5.4); everything else by multicast, unique
 *       answers at once, shared ones after 20-120 ms (§6), any after 400-500 ms when the query is truncated
 *       (§7.2), no record more than once a second: an answer
 *       multicast less than a second ago is sent again once that second is over, an additional record is left out. A probe for our names is
 *       answered at once, with each record at most every 250 ms (§6, §8.1).</li>
 * </ul>
 */
final class Answerer {
    static final int MDNS_PORT = 5353;
    static final long MULTICAST_AT_MOST_EVERY_MS = 1000;
    /** The one exception to once a second: answers to probes (§6). */
    static final long PROBE_ANSWER_AT_MOST_EVERY_MS = 250;
    /** The most a reply to a legacy unicast query carries: plain DNS over UDP without EDNS. */
    static final int LEGACY_MAX_BYTES = 512;

    enum Destination { MULTICAST, UNICAST }

    /** A response to send, {@code delayMillis} from now, to the group or back to the querier. */
    record Reply(Destination destination, long delayMillis, DnsMessage message) {
    }

    private Answerer() {
    }

    static Optional<Reply> answer(DnsMessage query, int sourcePort, boolean arrivedUnicast, Claim claim,
            MulticastHistory history, long now, RandomGenerator random) {
        if (query.isResponse() || query.opcode() != 0 || query.rcode() != 0) {
            return Optional.empty();
        }
        boolean legacy = sourcePort != MDNS_PORT;
        boolean probe = !query.authorities().isEmpty();
        List<DnsRecord> ours = claim.all();

        Set<DnsRecord> answers = new LinkedHashSet<>();
        for (DnsQuestion question : query.questions()) {
            if (!question.asksInternetClass()) {
                continue; // a CH or HS question is not about our names: no answer, and no NSEC denying them (as Avahi)
            }
            List<DnsRecord> matched = ours.stream().filter(question::matches)
                    .filter(r -> r.type() != DnsType.NSEC || question.type() == DnsType.NSEC).toList();
            if (matched.isEmpty() && question.type() != DnsType.ANY && claim.ownsUniquely(question.name())) {
                matched = ours.stream().filter(r -> r.type() == DnsType.NSEC && r.name().equals(question.name()))
                        .toList();
            }
            answers.addAll(matched);
        }
        answers.removeIf(record -> knownToQuerier(record, query));
        if (answers.isEmpty()) {
            return Optional.empty();
        }

        boolean everyQuestionQu = query.questions().stream().allMatch(DnsQuestion::unicastResponse);
        if (legacy) {
            return Optional.of(new Reply(Destination.UNICAST, 0, fitForLegacy(new DnsMessage(query.id(),
                    DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE, query.questions(),
                    legacyCopies(answers), List.of(), legacyCopies(additionals(answers, claim, query))))));
        }
        if (arrivedUnicast || (everyQuestionQu && !probe
                && answers.stream().allMatch(r -> history.within(r, r.ttl() * 1000 / 4, now)))) {
            return Optional.of(new Reply(Destination.UNICAST, 0, new DnsMessage(query.id(),
                    DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE, List.of(), List.copyOf(answers),
                    List.of(), additionals(answers, claim, query))));
        }
        if (probe) {
            // Answered at once, but a record at most every 250 ms even so (§6): a device probing in a loop made
            // thousands of multicast answers a second, for every host on the link to receive.
            answers.removeIf(record -> history.within(record, PROBE_ANSWER_AT_MOST_EVERY_MS, now));
            if (answers.isEmpty()) {
                return Optional.empty();
            }
        }
        long delay = 0;
        if (!probe && query.isTruncated()) {
            delay = 400 + random.nextInt(101); // more known answers follow in further packets (§7.2), unique or not
        } else if (!probe && answers.stream().anyMatch(record -> !record.cacheFlush())) {
            delay = 20 + random.nextInt(101);
        }
        if (!probe) {
            // A probe is answered at once whatever we sent more than 250 ms ago: the prober decides on our answer (§8.1).
            // Anything else waits until its records may go out again rather than being dropped: the querier
            // may have started after our last multicast, and a querier such as JmDNS asks only three times.
            for (DnsRecord record : answers) {
                delay = Math.max(delay, history.millisUntilFree(record, MULTICAST_AT_MOST_EVERY_MS, now));
            }
        }
        return Optional.of(new Reply(Destination.MULTICAST, delay,
                DnsMessage.response(List.copyOf(answers), notRecent(additionals(answers, claim, query), history, now))));
    }

    /**
     * The additional records that were not multicast within the last second. The once-a-second rule (§6) holds for
     * every record we multicast, in whichever section: the querier's neighbours cached those just now, and an
     * additional record is a courtesy that may be left out, where an answer is only put off.
     */
    static List<DnsRecord> notRecent(List<DnsRecord> additionals, MulticastHistory history, long now) {
        return additionals.stream().filter(r -> !history.within(r, MULTICAST_AT_MOST_EVERY_MS, now)).toList();
    }

    private static boolean knownToQuerier(DnsRecord record, DnsMessage query) {
        return query.answers().stream().anyMatch(known -> known.sameData(record) && known.ttl() >= record.ttl() / 2);
    }

    /** What a querier will want next (RFC 6763 §12): SRV, TXT and address after a PTR, address after SRV. Questions of
     * another class than IN never get here. */
    private static List<DnsRecord> additionals(Set<DnsRecord> answers, Claim claim, DnsMessage query) {
        Set<DnsRecord> extra = new LinkedHashSet<>();
        for (DnsRecord answer : answers) {
            if (answer.equals(claim.ptr())) {
                extra.addAll(List.of(claim.srv(), claim.txtRecord(), claim.addressRecord(), claim.hostNsec()));
            } else if (answer.equals(claim.srv())) {
                extra.addAll(List.of(claim.addressRecord(), claim.hostNsec()));
            } else if (answer.equals(claim.addressRecord())) {
                extra.add(claim.hostNsec());
            }
        }
        extra.removeAll(answers);
        extra.removeIf(record -> knownToQuerier(record, query));
        return List.copyOf(extra);
    }

    /**
     * A legacy resolver speaks plain DNS over UDP, where a reply without EDNS is at most 512 bytes (RFC 1035 §4.2.1;
     * §6.7 asks for "a conventional unicast response"): the additional records go first, as they may without notice;
     * then answers from the end, and if the echoed questions alone are too many, questions, each with the TC bit set.
     * Only a query of many questions comes near it: one question's reply is under 300 bytes.
     */
    static DnsMessage fitForLegacy(DnsMessage reply) {
        if (DnsCodec.encode(reply).length <= LEGACY_MAX_BYTES) {
            return reply;
        }
        DnsMessage fitted = new DnsMessage(reply.id(), reply.flags(), reply.questions(), reply.answers(), List.of(),
                List.of());
        List<DnsRecord> answers = new ArrayList<>(reply.answers());
        List<DnsQuestion> questions = new ArrayList<>(reply.questions());
        while (DnsCodec.encode(fitted).length > LEGACY_MAX_BYTES) {
            if (!answers.isEmpty()) {
                answers.removeLast();
            } else {
                questions.removeLast();
            }
            fitted = new DnsMessage(reply.id(), reply.flags() | DnsMessage.FLAG_TRUNCATED, List.copyOf(questions),
                    List.copyOf(answers), List.of(), List.of());
        }
        return fitted;
    }

    private static List<DnsRecord> legacyCopies(Iterable<DnsRecord> records) {
        List<DnsRecord> copies = new ArrayList<>();
        for (DnsRecord record : records) {
            copies.add(record.with(Math.min(record.ttl(), Ttl.LEGACY_UNICAST_MAX), false));
        }
        return copies;
    }
}
