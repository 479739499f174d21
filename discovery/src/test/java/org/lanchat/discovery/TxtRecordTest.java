package org.lanchat.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.trust.CertificateFingerprint;

class TxtRecordTest {
    private static final ApplianceId ID = new ApplianceId("0123456789abcdef0123456789abcdef");
    private static final CertificateFingerprint FP = new CertificateFingerprint("ab".repeat(32));
    private static final ServiceDescription OFFICE = new ServiceDescription("Office", 7447, 3, ID, FP);

    @Test
    void txtversComesFirstThenProtocolIdAndFingerprint() {
        byte[] record = TxtRecord.encode(TxtRecord.entries(OFFICE));

        assertThat(strings(record)).containsExactly("txtvers=1", "proto=3", "id=" + ID.value(), "fp=" + FP.hex());
    }

    @Test
    void decodingKeepsTheOrderItWasSentIn() {
        Map<String, String> decoded = TxtRecord.decode(TxtRecord.encode(TxtRecord.entries(OFFICE)));

        assertThat(decoded).containsExactly(Map.entry("txtvers", "1"), Map.entry("proto", "3"),
                Map.entry("id", ID.value()), Map.entry("fp", FP.hex()));
    }

    @Test
    void decodingFollowsRfc6763KeysAreCaseInsensitiveFirstOneWinsBareKeysAreEmpty() {
        byte[] record = record("TXTVERS=1", "txtvers=2", "flag", "=orphan value", "", "empty=");

        assertThat(TxtRecord.decode(record)).containsExactly(Map.entry("txtvers", "1"), Map.entry("flag", ""),
                Map.entry("empty", ""));
    }

    @Test
    void aLengthBytePointingPastTheEndIsRejected() {
        byte[] truncated = {10, 'a', '=', 'b'};

        assertThatThrownBy(() -> TxtRecord.decode(truncated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claims 10 bytes but only 3 remain");
    }

    @Test
    void anEmptyRecordDecodesToNothing() {
        assertThat(TxtRecord.decode(new byte[0])).isEmpty();
        assertThat(TxtRecord.decode(new byte[] {0})).isEmpty();
    }

    @Test
    void anEntryLongerThan255BytesCannotBeEncoded() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("long", "x".repeat(300));

        assertThatThrownBy(() -> TxtRecord.encode(entries)).hasMessageContaining("at most 255");
    }

    @Test
    void aResolutionBecomesAnApplianceOnlyWithAValidTxt() throws Exception {
        List<InetAddress> addresses = List.of(InetAddress.getByName("10.0.0.5"));
        Map<String, String> txt = TxtRecord.decode(TxtRecord.encode(TxtRecord.entries(OFFICE)));

        DiscoveredAppliance appliance = DiscoveredAppliance.fromResolution("Office", addresses, 7447, txt);

        assertThat(appliance.applianceId()).isEqualTo(ID);
        assertThat(appliance.fingerprint()).isEqualTo(FP);
        assertThat(appliance.protocolVersion()).isEqualTo(3);
        assertThat(appliance.socketAddresses()).extracting(Object::toString).containsExactly("/10.0.0.5:7447");
    }

    @Test
    void anEmptyTxtAsInTheFirstAddedEventIsNotYetAnAppliance() throws Exception {
        List<InetAddress> addresses = List.of(InetAddress.getByName("10.0.0.5"));

        assertThatThrownBy(() -> DiscoveredAppliance.fromResolution("Office", addresses, 7447, Map.of()))
                .hasMessage("TXT has no txtvers");
    }

    @Test
    void aTxtOfAnUnknownVersionOrWithABadValueIsRejectedNamingTheKey() throws Exception {
        List<InetAddress> addresses = List.of(InetAddress.getByName("10.0.0.5"));
        Map<String, String> future = new LinkedHashMap<>(TxtRecord.entries(OFFICE));
        future.put("txtvers", "2");
        Map<String, String> noFingerprint = new LinkedHashMap<>(TxtRecord.entries(OFFICE));
        noFingerprint.remove("fp");
        Map<String, String> badProtocol = new LinkedHashMap<>(TxtRecord.entries(OFFICE));
        badProtocol.put("proto", "three");

        assertThatThrownBy(() -> DiscoveredAppliance.fromResolution("Office", addresses, 7447, future))
                .hasMessageContaining("txtvers=2");
        assertThatThrownBy(() -> DiscoveredAppliance.fromResolution("Office", addresses, 7447, noFingerprint))
                .hasMessage("TXT has no fp");
        assertThatThrownBy(() -> DiscoveredAppliance.fromResolution("Office", addresses, 7447, badProtocol))
                .hasMessageContaining("proto");
    }

    private static byte[] record(String... strings) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String string : strings) {
            byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static List<String> strings(byte[] record) {
        List<String> strings = new java.util.ArrayList<>();
        for (int i = 0; i < record.length; i += 1 + (record[i] & 0xff)) {
            strings.add(new String(record, i + 1, record[i] & 0xff, StandardCharsets.UTF_8));
        }
        return strings;
    }
}
