package org.lanchat.discovery.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DnsCodecTest {
    private static final DnsName TYPE = DnsName.parse("_lanchat._tcp.local");
    private static final DnsName INSTANCE = TYPE.prepend("Büro Chat Zürich – 2. Stock");
    private static final DnsName HOST = DnsName.LOCAL.prepend("box-eth0");

    @Test
    void aResponseWithEveryRecordTypeComesBackAsItWasSent() throws Exception {
        Inet4Address address = (Inet4Address) InetAddress.getByName("10.77.0.1");
        List<DnsRecord> answers = List.of(new DnsRecord.Ptr(TYPE, 4500, false, INSTANCE),
                new DnsRecord.Srv(INSTANCE, 120, true, 0, 0, 7447, HOST),
                new DnsRecord.Txt(INSTANCE, 4500, true, new byte[] {9, 't', 'x', 't', 'v', 'e', 'r', 's', '=', '1'}),
                new DnsRecord.A(HOST, 120, true, address));
        List<DnsRecord> additionals = List.of(new DnsRecord.Nsec(HOST, 120, true, Set.of(DnsType.A)),
                new DnsRecord.Nsec(INSTANCE, 120, true, Set.of(DnsType.TXT, DnsType.SRV)));

        byte[] wire = DnsCodec.encode(DnsMessage.response(answers, additionals));
        DnsMessage decoded = DnsCodec.decode(wire, wire.length);

        assertThat(decoded.isResponse()).isTrue();
        assertThat(decoded.answers()).isEqualTo(answers);
        assertThat(decoded.additionals()).isEqualTo(additionals);
        // Compressed: the instance name (44 bytes) is written out once, then pointed to.
        assertThat(wire.length).isLessThan(260);
    }

    @Test
    void aDotInsideALabelStaysInsideIt() throws Exception {
        byte[] wire = DnsCodec.encode(DnsMessage.query(List.of(DnsQuestion.of(INSTANCE, DnsType.SRV)), List.of(),
                List.of()));
        DnsName decoded = DnsCodec.decode(wire, wire.length).questions().getFirst().name();

        assertThat(decoded.labels()).hasSize(4).first().isEqualTo("Büro Chat Zürich – 2. Stock");
        assertThat(decoded.toString()).isEqualTo("Büro Chat Zürich – 2\\. Stock._lanchat._tcp.local.");
    }

    /**
     * RFC 6762 §6.7: a legacy reply repeats the question as asked. Names are equal ignoring ASCII case, but a name is
     * written as a pointer to an earlier one only if their bytes are the same: "VM-A0.local" came back "vm-a0.local"
     * when a question before it had that spelling, which resolvers that randomise case take for a forgery.
     */
    @Test
    void aNameIsCompressedOntoAnEarlierOneOnlyWhenItIsSpelledTheSame() throws Exception {
        List<DnsQuestion> asked = List.of(DnsQuestion.of(DnsName.parse("vm-a0.local"), DnsType.A),
                DnsQuestion.of(DnsName.parse("VM-A0.local"), DnsType.A),
                DnsQuestion.of(DnsName.parse("VM-A0.LOCAL"), DnsType.AAAA));

        byte[] wire = DnsCodec.encode(DnsMessage.query(asked, List.of(), List.of()));
        List<DnsQuestion> decoded = DnsCodec.decode(wire, wire.length).questions();

        assertThat(decoded).extracting(q -> q.name().toString())
                .containsExactly("vm-a0.local.", "VM-A0.local.", "VM-A0.LOCAL.");
    }

    @Test
    void namesCompareCaseInsensitivelyForAsciiLettersOnly() {
        assertThat(DnsName.parse("Box-ETH0.Local")).isEqualTo(DnsName.parse("box-eth0.local"));
        assertThat(DnsName.of("BÜRO")).isNotEqualTo(DnsName.of("büro"));
    }

    @Test
    void nsecListsTheTypesInWindowZeroAsRfc4034Says() {
        byte[] host = DnsCodec.rdata(new DnsRecord.Nsec(HOST, 120, true, Set.of(DnsType.A)));
        byte[] instance = DnsCodec.rdata(new DnsRecord.Nsec(INSTANCE, 120, true, Set.of(DnsType.TXT, DnsType.SRV)));

        assertThat(HexFormat.of().formatHex(host)).endsWith("00" + "000140");
        assertThat(HexFormat.of().formatHex(instance)).endsWith("00" + "00050000800040");
    }

    /** dig's default query: one question, and an EDNS OPT record with a cookie in the additional section. */
    @Test
    void aQueryWithEdnsDataIsReadAndItsOptRecordKeptAsItIs() throws Exception {
        byte[] dig = HexFormat.of().parseHex("30bc0000000100000000000103626f7805" + "6c6f63616c0000010001"
                + "0000291232000000000014" + "000a0008" + "a8cb86495c51d5f3" + "00080004" + "00010000");
        DnsMessage query = DnsCodec.decode(dig, dig.length);

        assertThat(query.id()).isEqualTo(0x30bc);
        assertThat(query.questions()).containsExactly(DnsQuestion.of(DnsName.parse("box.local"), DnsType.A));
        assertThat(query.additionals()).singleElement().isInstanceOfSatisfying(DnsRecord.Opaque.class, opt -> {
            assertThat(opt.type()).isEqualTo(DnsType.OPT);
            assertThat(opt.rrClass()).isEqualTo(0x1232);
        });
    }

    @Test
    void aQuestionsQuBitIsTheTopBitOfItsClass() throws Exception {
        byte[] wire = DnsCodec.encode(DnsMessage.query(List.of(new DnsQuestion(HOST, DnsType.ANY, DnsType.CLASS_IN,
                true)), List.of(), List.of()));

        assertThat(wire[wire.length - 2] & 0xff).isEqualTo(0x80);
        assertThat(DnsCodec.decode(wire, wire.length).questions().getFirst().unicastResponse()).isTrue();
    }

    @Test
    void malformedInputIsRefusedSayingWhereAndNeverLoops() {
        byte[] valid = DnsCodec.encode(DnsMessage.response(List.of(new DnsRecord.A(HOST, 120, true,
                (Inet4Address) InetAddress.getLoopbackAddress())), List.of()));

        assertThatThrownBy(() -> DnsCodec.decode(new byte[5], 5)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("12-byte header");
        assertThatThrownBy(() -> DnsCodec.decode(valid, valid.length - 3)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("past the end");
        byte[] selfPointer = HexFormat.of().parseHex("000000000001000000000000" + "c00c" + "00010001");
        assertThatThrownBy(() -> DnsCodec.decode(selfPointer, selfPointer.length))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("points forward");
        byte[] badLabelType = HexFormat.of().parseHex("000000000001000000000000" + "4000" + "00010001");
        assertThatThrownBy(() -> DnsCodec.decode(badLabelType, badLabelType.length))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("label type");
        byte[] manyQuestions = HexFormat.of().parseHex("0000000000ff000000000000");
        assertThatThrownBy(() -> DnsCodec.decode(manyQuestions, manyQuestions.length))
                .isInstanceOf(MalformedMessageException.class);
        byte[] aOfFiveBytes = HexFormat.of().parseHex("000084000000000100000000" + "00" + "000100010000007800050a0000010a");
        assertThatThrownBy(() -> DnsCodec.decode(aOfFiveBytes, aOfFiveBytes.length))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("4 bytes, not 5");
    }

    @Test
    void aLabelPast63BytesOrANamePast255CannotBeMade() {
        assertThatThrownBy(() -> DnsName.of("x".repeat(64))).hasMessageContaining("is 64");
        assertThatThrownBy(() -> DnsName.of("x".repeat(60), "y".repeat(60), "z".repeat(60), "w".repeat(60), "v".repeat(10)))
                .hasMessageContaining("at most 255");
    }
}
