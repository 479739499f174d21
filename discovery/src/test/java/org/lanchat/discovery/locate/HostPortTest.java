package org.lanchat.discovery.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {
    @Test
    void parsesWhatPeopleType() {
        assertThat(HostPort.parse("chat.office.lan", 7447)).isEqualTo(new HostPort("chat.office.lan", 7447));
        assertThat(HostPort.parse(" 192.168.1.20:8443 ", 7447)).isEqualTo(new HostPort("192.168.1.20", 8443));
        assertThat(HostPort.parse("[fe80::1%eth0]:8443", 7447)).isEqualTo(new HostPort("fe80::1%eth0", 8443));
        assertThat(HostPort.parse("fe80::1", 7447)).isEqualTo(new HostPort("fe80::1", 7447));
        assertThat(HostPort.parse("[::1]", 7447).toString()).isEqualTo("[::1]:7447");
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> HostPort.parse("host:http", 7447)).hasMessageContaining("'http' is not a port number");
        assertThatThrownBy(() -> HostPort.parse("[::1", 7447)).hasMessageContaining("missing ']'");
        assertThatThrownBy(() -> HostPort.parse("host:99999", 7447)).hasMessageContaining("between 1 and 65535");
    }
}
