package org.lanchat.discovery.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanchat.discovery.responder.AnswererTest.address;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.dns.DnsMessage;
import org.lanchat.discovery.dns.DnsName;
import org.lanchat.discovery.dns.DnsRecord;

/** Which goodbyes from other hosts are for records we still own, and so are answered by announcing them again. */
class ForeignGoodbyesTest {
    private final Claim claim = new Claim("box-eth0", "Office", DnsName.parse("_lanchat._tcp.local"),
            address("10.77.0.1"), 7447, new byte[] {3, 'a', '=', '1'});

    @Test
    void aGoodbyeForOurServicePtrGivesBackOurPtrWithItsTtl() {
        DnsMessage goodbye = DnsMessage.response(List.of(claim.ptr().with(0, false)), List.of());

        assertThat(ForeignGoodbyes.ofOurRecords(goodbye, claim)).containsExactly(claim.ptr());
    }

    @Test
    void aSecondAppliancesGoodbyeForTheSharedServiceTypePtrIsAnsweredToo() {
        DnsRecord.Ptr shared = new DnsRecord.Ptr(Claim.SERVICES, 0, false, DnsName.parse("_lanchat._tcp.local"));
        DnsRecord.Ptr itsInstance = new DnsRecord.Ptr(DnsName.parse("_lanchat._tcp.local"), 0, false,
                DnsName.parse("_lanchat._tcp.local").prepend("Other"));

        assertThat(ForeignGoodbyes.ofOurRecords(DnsMessage.response(List.of(itsInstance, shared), List.of()), claim))
                .containsExactly(claim.enumeration());
    }

    @Test
    void aGoodbyeForOurAddressRecordInTheAdditionalSectionCountsAndTheCacheFlushBitDoesNotMatter() {
        DnsMessage goodbye = DnsMessage.response(List.of(), List.of(claim.addressRecord().with(0, false)));

        assertThat(ForeignGoodbyes.ofOurRecords(goodbye, claim)).containsExactly(claim.addressRecord());
    }

    @Test
    void aGoodbyeForOtherDataUnderOurNamesIsNotForOurRecords() {
        // Our own previous address, after a move: that record is gone, and rightly so.
        DnsRecord.A previousAddress = new DnsRecord.A(claim.hostName(), 0, true, address("10.77.0.9"));
        DnsRecord.Srv otherPort = new DnsRecord.Srv(claim.instanceName(), 0, true, 0, 0, 9999, claim.hostName());

        assertThat(ForeignGoodbyes.ofOurRecords(DnsMessage.response(List.of(previousAddress, otherPort), List.of()),
                claim)).isEmpty();
    }

    @Test
    void ourRecordsWithALiveTtlAreAgreementNotAGoodbye() {
        assertThat(ForeignGoodbyes.ofOurRecords(DnsMessage.response(claim.all(), List.of()), claim)).isEmpty();
    }
}
