package org.lanchat.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class HostLabelTest {

    @Test
    void eachResponderGetsItsOwnStableLabelFromMachineAndInterface() throws Exception {
        LocalAddress v4 = new LocalAddress("eth0", InetAddress.getByName("192.168.1.20"));
        LocalAddress v6 = new LocalAddress("eth0", InetAddress.getByName("fe80::1"));

        assertThat(Jmdns.hostLabel("frontdesk", v4, 0)).isEqualTo("frontdesk-eth0");
        assertThat(Jmdns.hostLabel("frontdesk", v4, 1)).isEqualTo("frontdesk-eth0-2");
        assertThat(Jmdns.hostLabel("frontdesk", v6, 0)).isEqualTo("frontdesk-eth0-v6");
    }

    @Test
    void labelsAreSanitisedAndFitOneDnsLabel() throws Exception {
        LocalAddress address = new LocalAddress("br0.100", InetAddress.getByName("10.0.0.1"));

        assertThat(Jmdns.hostLabel("Front_Desk.office.example", address, 0)).isEqualTo("front-desk-br0-100");
        assertThat(Jmdns.hostLabel("x".repeat(80), address, 0)).hasSize(63).endsWith("-br0-100");
        assertThat(Jmdns.sanitize("___")).isEqualTo("lanchat");
        assertThat(Jmdns.browserLabel("frontdesk-eth0")).isEqualTo("frontdesk-eth0-browser");
        assertThat(Jmdns.browserLabel("x".repeat(63))).hasSize(63).endsWith("-browser");
    }
}
