package org.lanchat.discovery.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanchat.discovery.responder.AnswererTest.address;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsRecord;

/** When another host's records conflict with ours (RFC 6762 §8, §9), and what we are called then. */
class ConflictsTest {
    private final Claim claim = new Claim("box-eth0", "Office", DnsName.parse("_lanchat._tcp.local"),
            address("10.77.0.1"), 7447, new byte[] {3, 'a', '=', '1'});

    @Test
    void anotherAddressForOurHostNameIsAConflictOurOwnRecordIsNot() {
        DnsMessage clone = DnsMessage.response(List.of(new DnsRecord.A(claim.hostName(), 120, true, address("10.77.0.2"))),
                List.of());
        DnsMessage echo = DnsMessage.response(claim.all(), List.of());

        assertThat(Conflicts.inResponse(clone, claim)).containsExactly(claim.hostName());
        assertThat(Conflicts.inResponse(echo, claim)).isEmpty();
    }

    @Test
    void anotherServiceUnderOurInstanceNameIsAConflictItsGoodbyeIsNot() {
        DnsRecord.Srv theirs = new DnsRecord.Srv(claim.instanceName(), 120, true, 0, 0, 7447, DnsName.parse("other.local"));

        assertThat(Conflicts.inResponse(DnsMessage.response(List.of(), List.of(theirs)), claim))
                .containsExactly(claim.instanceName());
        assertThat(Conflicts.inResponse(DnsMessage.response(List.of(theirs.with(0, true)), List.of()), claim)).isEmpty();
    }

    @Test
    void recordsForOtherNamesAreNoConcernOfOurs() {
        DnsMessage printer = DnsMessage.response(List.of(new DnsRecord.A(DnsName.parse("printer.local"), 120, true,
                address("10.77.0.1"))), List.of());

        assertThat(Conflicts.inResponse(printer, claim)).isEmpty();
    }

    @Test
    void theSimultaneousProbeTiebreakComparesRdataAsUnsignedBytes() {
        List<DnsRecord> ours = List.of(claim.addressRecord().with(120, false));
        List<DnsRecord> lower = List.of(new DnsRecord.A(claim.hostName(), 120, false, address("10.77.0.0")));
        List<DnsRecord> higher = List.of(new DnsRecord.A(claim.hostName(), 120, false, address("169.254.0.1")));

        assertThat(Conflicts.tiebreak(ours, lower)).isPositive();
        assertThat(Conflicts.tiebreak(ours, higher)).as("169 > 10 as unsigned bytes").isNegative();
        assertThat(Conflicts.tiebreak(ours, ours)).isZero();
    }

    @Test
    void aLosingInstanceNameGetsTheNextNumberAndStillFitsOneLabel() {
        assertThat(Conflicts.nextInstanceLabel("Office")).isEqualTo("Office (2)");
        assertThat(Conflicts.nextInstanceLabel("Office (2)")).isEqualTo("Office (3)");
        assertThat(Conflicts.nextInstanceLabel("Office (9)")).isEqualTo("Office (10)");
        assertThat(Conflicts.nextInstanceLabel("2. Stock")).isEqualTo("2. Stock (2)");
        String longest = "ü".repeat(31); // 62 bytes
        String next = Conflicts.nextInstanceLabel(longest);
        assertThat(next).endsWith(" (2)").startsWith("ü");
        assertThat(next.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    }

    @Test
    void aLosingHostLabelGetsANumberedSuffixAsAvahiRenamesHosts() {
        assertThat(Conflicts.nextHostLabel("box-eth0")).isEqualTo("box-eth0-2");
        assertThat(Conflicts.nextHostLabel("box-eth0-2")).isEqualTo("box-eth0-3");
        assertThat(Conflicts.nextHostLabel("x".repeat(63))).hasSize(63).endsWith("-2");
    }
}
