package org.lanchat.discovery.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.dns.DnsCodec;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsQuestion;
import org.lanchat.discovery.dns.DnsRecord;
import org.lanchat.discovery.dns.DnsType;
import org.lanchat.discovery.responder.Answerer.Destination;
import org.lanchat.discovery.responder.Answerer.Reply;

/** What the responder answers, and where, to the queries RFC 6762 §5-7 describe. No sockets. */
class AnswererTest {
    private static final int MDNS = 5353;
    private static final long NOW = 1_000_000;
    private final Claim claim = new Claim("box-eth0", "Büro Chat Zürich – 2. Stock", DnsName.parse("_lanchat._tcp.local"),
            address("10.77.0.1"), 7447, new byte[] {9, 't', 'x', 't', 'v', 'e', 'r', 's', '=', '1'});
    private final MulticastHistory history = new MulticastHistory();

    private static Claim claim() {
        return new Claim("box-eth0", "Chat", DnsName.parse("_lanchat._tcp.local"), address("10.77.0.1"), 7447,
                new byte[] {0});
    }

    private Optional<Reply> ask(DnsMessage query, int port, boolean unicast) {
        return Answerer.answer(query, port, unicast, claim, history, NOW, new SplittableRandom(1));
    }

    private static DnsMessage query(DnsName name, int type) {
        return DnsMessage.query(List.of(DnsQuestion.of(name, type)), List.of(), List.of());
    }

    @Test
    void namesItDoesNotOwnGetSilenceWhateverTheType() {
        for (String name : List.of("printer.local", "localhost", "box.local", "other._lanchat._tcp.local")) {
            assertThat(ask(query(DnsName.parse(name), DnsType.A), MDNS, false)).as(name).isEmpty();
            assertThat(ask(query(DnsName.parse(name), DnsType.ANY), MDNS, false)).as(name).isEmpty();
        }
    }

    @Test
    void aBrowsingQueryGetsThePointerAtOnceWithWhatResolvingNeedsAlongside() {
        Reply reply = ask(query(claim.serviceType(), DnsType.PTR), MDNS, false).orElseThrow();

        assertThat(reply.destination()).isEqualTo(Destination.MULTICAST);
        assertThat(reply.delayMillis()).as("shared answers wait 20-120 ms (§6)").isBetween(20L, 120L);
        assertThat(reply.message().answers()).containsExactly(claim.ptr());
        assertThat(reply.message().additionals()).containsExactlyInAnyOrder(claim.srv(), claim.txtRecord(),
                claim.addressRecord(), claim.hostNsec());
        assertThat(reply.message().id()).isZero();
    }

    @Test
    void anAddressQueryIsAnsweredAtOnceSinceTheRecordIsUnique() {
        Reply reply = ask(query(claim.hostName(), DnsType.A), MDNS, false).orElseThrow();

        assertThat(reply.delayMillis()).isZero();
        assertThat(reply.message().answers()).containsExactly(claim.addressRecord());
        assertThat(reply.message().additionals()).containsExactly(claim.hostNsec());
    }

    @Test
    void aTypeTheHostDoesNotHaveIsDeniedWithNsecNotAnsweredWithAnother() {
        Reply reply = ask(query(claim.hostName(), DnsType.AAAA), MDNS, false).orElseThrow();

        assertThat(reply.message().answers()).singleElement().isInstanceOfSatisfying(DnsRecord.Nsec.class,
                nsec -> assertThat(nsec.types()).containsExactly(DnsType.A));
    }

    @Test
    void aLegacyQueryIsAnsweredToItsPortWithItsIdAndQuestionAndShortTtlsWithoutCacheFlush() {
        DnsMessage legacy = new DnsMessage(0x1234, 0, List.of(DnsQuestion.of(claim.instanceName(), DnsType.SRV)),
                List.of(), List.of(), List.of());

        Reply reply = ask(legacy, 40_000, false).orElseThrow();

        assertThat(reply.destination()).isEqualTo(Destination.UNICAST);
        assertThat(reply.delayMillis()).isZero();
        assertThat(reply.message().id()).isEqualTo(0x1234);
        assertThat(reply.message().questions()).isEqualTo(legacy.questions());
        assertThat(reply.message().answers()).containsExactly(claim.srv().with(10, false));
        assertThat(reply.message().additionals()).allSatisfy(r -> {
            assertThat(r.ttl()).isLessThanOrEqualTo(10);
            assertThat(r.cacheFlush()).isFalse();
        });
    }

    /** Records of 10 + 60 + 10 + 4 = 84 bytes each (no name in them repeats, so nothing is compressed). */
    private static List<DnsRecord> records(String prefix, int count) {
        List<DnsRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new DnsRecord.A(DnsName.parse(prefix + i + "x".repeat(50) + ".local"), 10, false,
                    address("10.77.0." + (i + 1))));
        }
        return records;
    }

    private static DnsMessage legacyReply(List<DnsRecord> answers, List<DnsRecord> additionals) {
        return new DnsMessage(0x4321, DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE,
                List.of(DnsQuestion.of(claim().instanceName(), DnsType.ANY)), answers, List.of(), additionals);
    }

    @Test
    void aLegacyReplyLeavesOutItsAdditionalRecordsFirstToKeepTo512Bytes() {
        DnsMessage full = legacyReply(records("a", 4), records("b", 3));
        assertThat(DnsCodec.encode(full).length).as("the test's premise").isGreaterThan(512);

        DnsMessage fitted = Answerer.fitForLegacy(full);

        assertThat(DnsCodec.encode(fitted).length).isLessThanOrEqualTo(512);
        assertThat(fitted.answers()).as("every answer").isEqualTo(full.answers());
        assertThat(fitted.additionals()).as("a courtesy, left out without notice").isEmpty();
        assertThat(fitted.isTruncated()).isFalse();
        assertThat(fitted.questions()).isEqualTo(full.questions());
    }

    @Test
    void aLegacyReplyThatCannotHoldEveryAnswerIsMarkedTruncated() {
        DnsMessage full = legacyReply(records("a", 9), records("b", 2));

        DnsMessage fitted = Answerer.fitForLegacy(full);

        assertThat(DnsCodec.encode(fitted).length).isLessThanOrEqualTo(512);
        assertThat(fitted.isTruncated()).isTrue();
        assertThat(fitted.answers()).as("the first answers, as many as fit").isNotEmpty().hasSizeLessThan(9)
                .isEqualTo(full.answers().subList(0, fitted.answers().size()));
        assertThat(fitted.additionals()).isEmpty();
        assertThat(fitted.questions()).isEqualTo(full.questions());
    }

    @Test
    void aReplyThatFitsIsLeftAlone() {
        DnsMessage full = legacyReply(records("a", 2), records("b", 2));

        assertThat(Answerer.fitForLegacy(full)).isSameAs(full);
    }

    @Test
    void aLegacyQueryOfFourHundredQuestionsGetsWhatFitsIn512BytesNotEightKilobytes() {
        List<DnsQuestion> asked = java.util.Collections.nCopies(400, DnsQuestion.of(claim.instanceName(), DnsType.SRV));
        DnsMessage legacy = new DnsMessage(7, 0, asked, List.of(), List.of(), List.of());

        DnsMessage reply = ask(legacy, 40_000, false).orElseThrow().message();

        assertThat(DnsCodec.encode(reply).length).isLessThanOrEqualTo(512);
        assertThat(reply.isTruncated()).isTrue();
        assertThat(reply.id()).isEqualTo(7);
    }

    @Test
    void aLegacyReplyToOneQuestionIsWholeAndNotMarkedTruncated() {
        DnsMessage legacy = new DnsMessage(9, 0, List.of(DnsQuestion.of(claim.serviceType(), DnsType.PTR)),
                List.of(), List.of(), List.of());

        DnsMessage reply = ask(legacy, 40_000, false).orElseThrow().message();

        assertThat(reply.isTruncated()).isFalse();
        assertThat(reply.additionals()).as("SRV, TXT, A and NSEC fit beside the pointer").hasSize(4);
    }

    @Test
    void aQuerySentToOurOwnAddressIsAnsweredByUnicast() {
        Reply reply = ask(query(claim.instanceName(), DnsType.TXT), MDNS, true).orElseThrow();

        assertThat(reply.destination()).isEqualTo(Destination.UNICAST);
        assertThat(reply.message().answers()).containsExactly(claim.txtRecord());
    }

    @Test
    void knownAnswersWithHalfTheirTtlLeftAreNotRepeated() {
        DnsQuestion browse = DnsQuestion.of(claim.serviceType(), DnsType.PTR);
        DnsMessage fresh = DnsMessage.query(List.of(browse), List.of(claim.ptr().with(3000, false)), List.of());
        DnsMessage stale = DnsMessage.query(List.of(browse), List.of(claim.ptr().with(2000, false)), List.of());

        assertThat(ask(fresh, MDNS, false)).isEmpty();
        assertThat(ask(stale, MDNS, false)).isPresent();
    }

    @Test
    void aQuQuestionIsAnsweredByUnicastOnlyWhileTheAnswerWasMulticastRecently() {
        DnsMessage qu = DnsMessage.query(List.of(new DnsQuestion(claim.hostName(), DnsType.A, DnsType.CLASS_IN, true)),
                List.of(), List.of());

        assertThat(ask(qu, MDNS, false).orElseThrow().destination()).isEqualTo(Destination.MULTICAST);
        history.sent(List.of(claim.addressRecord()), NOW - 10_000);
        assertThat(ask(qu, MDNS, false).orElseThrow().destination()).isEqualTo(Destination.UNICAST);
    }

    @Test
    void noRecordIsMulticastTwiceWithinASecondExceptToDefendItAgainstAProbe() {
        history.sent(List.of(claim.addressRecord()), NOW - 500);
        DnsMessage probe = DnsMessage.query(List.of(new DnsQuestion(claim.hostName(), DnsType.ANY, DnsType.CLASS_IN,
                false)), List.of(), List.of(new DnsRecord.A(claim.hostName(), 120, false, address("10.77.0.9"))));

        // Asked 500 ms after it went out: answered once the second is over, not dropped (a browser that
        // started after our multicast would otherwise never hear of us).
        Reply deferred = ask(query(claim.hostName(), DnsType.A), MDNS, false).orElseThrow();
        assertThat(deferred.destination()).isEqualTo(Destination.MULTICAST);
        assertThat(deferred.delayMillis()).isGreaterThanOrEqualTo(500);
        assertThat(deferred.message().answers()).containsExactly(claim.addressRecord());
        Reply defence = ask(probe, MDNS, false).orElseThrow();
        assertThat(defence.destination()).isEqualTo(Destination.MULTICAST);
        assertThat(defence.delayMillis()).isZero();
        assertThat(defence.message().answers()).contains(claim.addressRecord());
    }

    /** The judge's sequence: our address went out beside an SRV answer, and an address query came 300 ms later. */
    @Test
    void aRecordMulticastAsAnAdditionalOneCountsForTheOnceASecondRuleToo() {
        history.sent(List.of(claim.srv()), NOW - 300);
        history.sent(List.of(claim.addressRecord(), claim.hostNsec()), NOW - 300);

        Reply pointer = ask(query(claim.serviceType(), DnsType.PTR), MDNS, false).orElseThrow();
        assertThat(pointer.message().additionals()).as("left out, not put off").containsExactly(claim.txtRecord());
        Reply address = ask(query(claim.hostName(), DnsType.A), MDNS, false).orElseThrow();
        assertThat(address.delayMillis()).as("an answer waits for its second").isGreaterThanOrEqualTo(700);
        assertThat(address.message().answers()).containsExactly(claim.addressRecord());
    }

    @Test
    void aTruncatedQueryIsAnsweredAfter400To500MsEvenForAUniqueRecord() {
        DnsMessage truncated = new DnsMessage(0, DnsMessage.FLAG_TRUNCATED,
                List.of(DnsQuestion.of(claim.hostName(), DnsType.A)), List.of(), List.of(), List.of());

        Reply reply = ask(truncated, MDNS, false).orElseThrow();

        assertThat(reply.delayMillis()).as("the querier's further known answers come first (§7.2)").isBetween(400L, 500L);
        assertThat(reply.message().answers()).containsExactly(claim.addressRecord());
    }

    @Test
    void aQuestionOfAnotherClassThanInternetGetsSilenceNotADenial() {
        for (int qclass : List.of(3, 4, 254)) { // CH, HS, NONE
            DnsMessage other = DnsMessage.query(List.of(new DnsQuestion(claim.hostName(), DnsType.AAAA, qclass, false)),
                    List.of(), List.of());
            assertThat(ask(other, MDNS, false)).as("class " + qclass).isEmpty();
        }
        DnsMessage any = DnsMessage.query(List.of(new DnsQuestion(claim.hostName(), DnsType.AAAA, DnsType.CLASS_ANY,
                false)), List.of(), List.of());
        assertThat(ask(any, MDNS, false)).as("class ANY includes IN").isPresent();
    }

    /** A device probing in a loop, 7,000 times a second, once got as many multicast answers back (§6). */
    @Test
    void aProbeIsNotAnsweredAgainWithin250MsOfTheLastMulticastOfTheRecord() {
        DnsMessage probe = DnsMessage.query(List.of(new DnsQuestion(claim.hostName(), DnsType.ANY, DnsType.CLASS_IN,
                false)), List.of(), List.of(new DnsRecord.A(claim.hostName(), 120, false, address("10.77.0.9"))));

        history.sent(List.of(claim.addressRecord(), claim.hostNsec()), NOW - 249);
        assertThat(ask(probe, MDNS, false)).as("249 ms after the last answer").isEmpty();
        history.sent(List.of(claim.addressRecord(), claim.hostNsec()), NOW - 250);
        assertThat(ask(probe, MDNS, false).orElseThrow().message().answers()).as("250 ms after")
                .contains(claim.addressRecord());
    }

    @Test
    void responsesAndOtherOpcodesAreNotQueries() {
        DnsMessage response = DnsMessage.response(List.of(claim.addressRecord()), List.of());
        DnsMessage update = new DnsMessage(0, 5 << 11, List.of(DnsQuestion.of(claim.hostName(), DnsType.A)), List.of(),
                List.of(), List.of());

        assertThat(ask(response, MDNS, false)).isEmpty();
        assertThat(ask(update, MDNS, false)).isEmpty();
    }

    @Test
    void serviceTypeEnumerationListsOurType() {
        Reply reply = ask(query(Claim.SERVICES, DnsType.PTR), MDNS, false).orElseThrow();

        assertThat(reply.message().answers()).containsExactly(claim.enumeration());
    }

    static Inet4Address address(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
