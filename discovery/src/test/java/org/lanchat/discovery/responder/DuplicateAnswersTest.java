package org.lanchat.discovery.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanchat.discovery.responder.AnswererTest.address;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsRecord;

/** Which answers of another host count as ours having been sent (RFC 6762 §7.4). */
class DuplicateAnswersTest {
    private final Claim claim = new Claim("box-eth0", "Office", DnsName.parse("_lanchat._tcp.local"),
            address("10.77.0.1"), 7447, new byte[] {3, 'a', '=', '1'});

    @Test
    void theSharedServiceTypePointerFromAnotherResponderIsADuplicate() {
        DnsRecord.Ptr shared = new DnsRecord.Ptr(Claim.SERVICES, 4500, false, DnsName.parse("_lanchat._tcp.local"));

        assertThat(DuplicateAnswers.ofOurRecords(DnsMessage.response(List.of(shared), List.of()), claim))
                .containsExactly(claim.enumeration());
    }

    @Test
    void aCopyOfOurPointerWithALowerTtlOrOtherDataIsNot() {
        DnsRecord.Ptr shorter = new DnsRecord.Ptr(claim.ptr().name(), claim.ptr().ttl() - 1, false, claim.ptr().target());
        DnsRecord.Ptr otherInstance = new DnsRecord.Ptr(claim.ptr().name(), 4500, false,
                DnsName.parse("_lanchat._tcp.local").prepend("Other"));

        assertThat(DuplicateAnswers.ofOurRecords(DnsMessage.response(List.of(shorter, otherInstance), List.of()), claim))
                .isEmpty();
        assertThat(DuplicateAnswers.ofOurRecords(DnsMessage.response(List.of(claim.ptr()), List.of()), claim))
                .containsExactly(claim.ptr());
    }

    @Test
    void onlyTheAnswerSectionCounts() {
        assertThat(DuplicateAnswers.ofOurRecords(DnsMessage.response(List.of(), List.of(claim.ptr())), claim)).isEmpty();
    }
}
