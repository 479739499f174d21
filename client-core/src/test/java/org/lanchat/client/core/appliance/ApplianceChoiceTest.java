package org.lanchat.client.core.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.locate.FoundBy;

/** How an appliance is named to the user: its name, and where it is when the name does not say so already. */
class ApplianceChoiceTest {
    @Test
    void anAddressTypedAsItselfIsSaidOnce() throws Exception {
        InetSocketAddress typed = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 17810);
        assertThat(ApplianceChoice.manual(typed).describe()).isEqualTo("127.0.0.1:17810");
    }

    @Test
    void aNameThatIsNotTheAddressIsFollowedByWhereItIs() throws Exception {
        InetSocketAddress typed = new InetSocketAddress(InetAddress.getByAddress("chat.office.lan",
                new byte[] {(byte) 192, (byte) 168, 1, 20}), 7447);
        assertThat(ApplianceChoice.manual(typed).describe()).isEqualTo("chat.office.lan:7447 (192.168.1.20:7447)");
        ApplianceChoice named = new ApplianceChoice("Office", typed, Optional.empty(), Optional.empty(), FoundBy.CACHED);
        assertThat(named.describe()).isEqualTo("Office (192.168.1.20:7447)");
    }
}
