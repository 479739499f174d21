package org.lanchat.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.trust.CertificateFingerprint;

class ServiceDescriptionTest {
    private static final ApplianceId ID = ApplianceId.random();
    private static final CertificateFingerprint FP = new CertificateFingerprint("cd".repeat(32));

    @Test
    void theDefaultNameSaysWhichHostAndFitsOneDnsLabel() {
        assertThat(ServiceDescription.defaultInstanceName("frontdesk")).isEqualTo("LAN Chat on frontdesk");
        assertThat(ServiceDescription.defaultInstanceName("a-very-long-host-name-".repeat(5))
                .getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(58);
        // A host name of four-byte characters is cut between characters, never inside one.
        String cut = ServiceDescription.defaultInstanceName("\uD83D\uDE00".repeat(20));
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(58);
        assertThat(cut).doesNotEndWith("\uD83D").endsWith("\uD83D\uDE00");
        assertThat(new ServiceDescription(cut, 7447, 1, ID, FP).instanceName()).isEqualTo(cut);
    }

    @Test
    void theMachinesOwnDefaultNameIsAValidInstanceName() {
        String name = ServiceDescription.defaultInstanceName();
        assertThat(name).startsWith("LAN Chat on ").doesNotContain(".");
        assertThat(new ServiceDescription(name, 7447, 1, ID, FP).instanceName()).isEqualTo(name);
    }

    @Test
    void aDotAndAnyUnicodeAreFineInTheOneLabelOfAnInstanceName() {
        String name = "B\u00fcro Chat Z\u00fcrich \u2013 2. Stock";
        assertThat(new ServiceDescription(name, 7447, 1, ID, FP).instanceName()).isEqualTo(name);
        assertThat(new ServiceDescription("x".repeat(58), 7447, 1, ID, FP).instanceName()).hasSize(58);
    }

    @Test
    void invalidSettingsAreRefusedNamingTheSettingAndTheLimit() {
        assertThatThrownBy(() -> new ServiceDescription(" ", 7447, 1, ID, FP)).hasMessageContaining("instanceName");
        assertThatThrownBy(() -> new ServiceDescription("é".repeat(40), 7447, 1, ID, FP))
                .hasMessageContaining("80 bytes").hasMessageContaining("at most 58");
        // 62 bytes fit one label, but "(2)" after a conflict would make it 66: refused at start, not on the wire.
        assertThatThrownBy(() -> new ServiceDescription("x".repeat(62), 7447, 1, ID, FP))
                .hasMessageContaining("62 bytes").hasMessageContaining("at most 58").hasMessageContaining("\" (2)\"");
        assertThatThrownBy(() -> new ServiceDescription("Office\n", 7447, 1, ID, FP))
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> new ServiceDescription("Office", 0, 1, ID, FP))
                .hasMessageContaining("port must be between 1 and 65535, was 0");
        assertThatThrownBy(() -> new ServiceDescription("Office", 7447, 0, ID, FP))
                .hasMessageContaining("protocolVersion");
    }
}
