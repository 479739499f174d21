package org.lanchat.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanchat.discovery.AddressPlan.Move;

/**
 * Which addresses get a responder: one per interface for the advertisers (PROTOCOL.md §1.3: one host name per
 * interface, with one A record), one per address for the browser.
 */
class AddressPlanTest {
    private static final LocalAddress FIRST = local("lan1", "10.77.0.1");
    private static final LocalAddress SECOND = local("lan1", "10.77.0.11");
    private static final LocalAddress THIRD = local("lan1", "10.77.0.7");
    private static final LocalAddress OTHER_INTERFACE = local("lan2", "10.78.0.1");

    @Test
    void anInterfaceWithSeveralAddressesGetsOneResponderOnTheLowestWhateverTheirOrder() {
        AddressPlan plan = AddressPlan.oneAddressPerInterface(List.of(), List.of(SECOND, FIRST, OTHER_INTERFACE));

        assertThat(plan.open()).containsExactly(FIRST, OTHER_INTERFACE);
        assertThat(plan.stop()).isEmpty();
        assertThat(plan.moves()).isEmpty();
    }

    @Test
    void aSecondAddressOnAnAdvertisedInterfaceChangesNothing() {
        AddressPlan plan = AddressPlan.oneAddressPerInterface(List.of(SECOND), List.of(SECOND, FIRST));

        assertThat(plan).isEqualTo(new AddressPlan(List.of(), List.of(), List.of()));
    }

    @Test
    void whenTheAdvertisedAddressGoesAwayItsResponderMovesToTheLowestOfTheRemainingOnes() {
        AddressPlan plan = AddressPlan.oneAddressPerInterface(List.of(FIRST, OTHER_INTERFACE),
                List.of(SECOND, THIRD, OTHER_INTERFACE));

        assertThat(plan.moves()).containsExactly(new Move(FIRST, THIRD));
        assertThat(plan.open()).isEmpty();
        assertThat(plan.stop()).isEmpty();
    }

    @Test
    void whenAnInterfaceLosesItsLastAddressItsResponderStops() {
        AddressPlan plan = AddressPlan.oneAddressPerInterface(List.of(FIRST, OTHER_INTERFACE), List.of(OTHER_INTERFACE));

        assertThat(plan).isEqualTo(new AddressPlan(List.of(FIRST), List.of(), List.of()));
    }

    @Test
    void theBrowserStillListensOnEveryAddress() {
        AddressPlan plan = AddressPlan.everyAddress(List.of(FIRST), List.of(SECOND, OTHER_INTERFACE));

        assertThat(plan).isEqualTo(new AddressPlan(List.of(FIRST), List.of(), List.of(SECOND, OTHER_INTERFACE)));
    }

    private static LocalAddress local(String interfaceName, String literal) {
        try {
            return new LocalAddress(interfaceName, InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
