package org.lanchat.discovery.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanchat.discovery.responder.AnswererTest.address;

import org.junit.jupiter.api.Test;

/**
 * Whether a datagram came from the link of one of our addresses, by its source (RFC 6762 §5.5, §11): Java
 * cannot tell the interface it arrived on, so a query from off the link's subnet is ignored, unicast or not.
 */
class LinkMapTest {
    private final LinkMap links = new LinkMap();

    @Test
    void aDatagramBelongsToTheLinkWhoseSubnetHoldsItsSourceAndOnlyThere() {
        links.add(address("10.77.0.1"), 24);
        links.add(address("10.78.0.1"), 24);

        assertThat(links.isOnLinkOf(address("10.77.0.1"), address("10.77.0.2"))).isTrue();
        assertThat(links.isOnLinkOf(address("10.78.0.1"), address("10.77.0.2"))).isFalse();
        assertThat(links.isOnLinkOf(address("10.78.0.1"), address("10.78.0.2"))).isTrue();
    }

    /** §5.5: "responders SHOULD check that the source address in the query packet matches the local subnet". */
    @Test
    void aQueryFromARoutedSourceOnNoneOfOurSubnetsBelongsToNoLink() {
        links.add(address("10.77.0.1"), 24);
        links.add(address("10.78.0.1"), 24);

        assertThat(links.isOnLinkOf(address("10.77.0.1"), address("10.99.0.5"))).isFalse();
        assertThat(links.isOnLinkOf(address("10.78.0.1"), address("10.99.0.5"))).isFalse();
        assertThat(links.isOnLinkOf(address("10.77.0.1"), address("169.254.3.4"))).isFalse();
    }

    /**
     * §11: what is multicast to the group is on some link of ours, whatever its source. A source on no subnet of ours
     * (169.254/16, a second subnet on the wire) may claim our names there, so the responders guard them against it;
     * one on another of our subnets is that link's business.
     */
    @Test
    void aSourceOnNoSubnetOfOursIsOffEveryLinkAndOneOnAnyOfThemIsNot() {
        links.add(address("10.77.0.1"), 24);
        links.add(address("10.78.0.1"), 24);

        assertThat(links.isOffEveryLink(address("169.254.3.4"))).isTrue();
        assertThat(links.isOffEveryLink(address("10.214.0.5"))).isTrue();
        assertThat(links.isOffEveryLink(address("10.78.0.2"))).isFalse();
        assertThat(links.isOffEveryLink(address("10.77.0.1"))).as("our own address").isFalse();
    }

    /**
     * §6.2: a host on the second network sending to the first network's address reaches the first link's own
     * socket; the first link must not answer it with its address, out of the second network.
     */
    @Test
    void aUnicastQueryFromTheSecondNetworkToTheFirstNetworksAddressIsNotTheFirstLinks() {
        links.add(address("10.77.0.1"), 24);
        links.add(address("10.78.0.1"), 24);

        assertThat(links.isOnLinkOf(address("10.77.0.1"), address("10.78.0.2"))).isFalse();
    }

    /** As above with the second network not advertised on: nobody answers what came in over it. */
    @Test
    void aQueryOverANetworkWeDoNotAdvertiseOnBelongsToNoLink() {
        links.add(address("10.77.0.1"), 24);

        assertThat(links.isOnLinkOf(address("10.77.0.1"), address("10.78.0.2"))).isFalse();
    }

    @Test
    void theInterfacesOwnAddressIsOnItsLinkEvenAloneInItsSubnet() {
        links.add(address("10.77.0.1"), 32);

        assertThat(links.isOnLinkOf(address("10.77.0.1"), address("10.77.0.1"))).isTrue();
        assertThat(links.isOnLinkOf(address("10.77.0.1"), address("10.77.0.2"))).isFalse();
    }

    @Test
    void subnetsAreComparedBitByBitForPrefixesThatAreNoWholeBytes() {
        links.add(address("10.77.0.1"), 23);

        assertThat(links.isOnLinkOf(address("10.77.0.1"), address("10.77.1.254"))).isTrue();
        assertThat(links.isOnLinkOf(address("10.77.0.1"), address("10.77.2.1"))).isFalse();
    }

    @Test
    void anAddressNoLongerOursHasNoLinkLeft() {
        links.add(address("10.77.0.1"), 24);
        links.remove(address("10.77.0.1"));

        assertThat(links.isOnLinkOf(address("10.77.0.1"), address("10.77.0.2"))).isFalse();
    }

    @Test
    void anAddressIsOursWhileOneOfOurLinksHasIt() {
        links.add(address("10.77.0.1"), 24);

        assertThat(links.isOwnAddress(address("10.77.0.1"))).isTrue();
        assertThat(links.isOwnAddress(address("10.77.0.2"))).isFalse();
        links.remove(address("10.77.0.1"));
        assertThat(links.isOwnAddress(address("10.77.0.1"))).isFalse();
    }
}
