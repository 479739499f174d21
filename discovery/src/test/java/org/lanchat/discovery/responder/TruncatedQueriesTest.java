package org.lanchat.discovery.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsRecord;

/** Known answers in the packets after a truncated query (RFC 6762 §7.2) take records out of the waiting answer. */
class TruncatedQueriesTest {
    private final Claim claim = new Claim("box-eth0", "Büro Chat", DnsName.parse("_lanchat._tcp.local"),
            AnswererTest.address("10.77.0.1"), 7447, new byte[] {9, 't', 'x', 't', 'v', 'e', 'r', 's', '=', '1'});
    private final InetAddress querier = AnswererTest.address("10.77.0.9");
    private final InetAddress someoneElse = AnswererTest.address("10.77.0.10");
    private final TruncatedQueries truncated = new TruncatedQueries();
    private final DnsMessage waiting = DnsMessage.response(List.of(claim.ptr()),
            List.of(claim.srv(), claim.txtRecord(), claim.addressRecord()));

    @Test
    void whatTheQuerierListsInItsFollowUpPacketIsLeftOut() {
        truncated.awaitFollowUps(querier);
        truncated.heard(querier, followUp(claim.ptr(), claim.srv()));

        DnsMessage sent = truncated.withoutKnown(querier, waiting);

        assertThat(sent.answers()).isEmpty();
        assertThat(sent.additionals()).containsExactly(claim.txtRecord(), claim.addressRecord());
    }

    @Test
    void knownAnswersFromAnotherHostOrWithLittleTtlLeftTakeNothingOut() {
        truncated.awaitFollowUps(querier);
        truncated.heard(someoneElse, followUp(claim.ptr()));
        truncated.heard(querier, followUp(claim.srv().with(claim.srv().ttl() / 2 - 1, false)));

        assertThat(truncated.withoutKnown(querier, waiting)).isEqualTo(waiting);
    }

    @Test
    void packetsHeardWhenNoTruncatedQueryWaitsAreForgotten() {
        truncated.heard(querier, followUp(claim.ptr()));
        truncated.awaitFollowUps(querier);

        assertThat(truncated.withoutKnown(querier, waiting)).isEqualTo(waiting);
        truncated.heard(querier, followUp(claim.ptr()));
        assertThat(truncated.withoutKnown(querier, waiting)).as("the querier was forgotten once answered")
                .isEqualTo(waiting);
    }

    private static DnsMessage followUp(DnsRecord... known) {
        return DnsMessage.query(List.of(), List.of(known), List.of());
    }
}
