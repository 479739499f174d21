package org.lanchat.discovery.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanchat.discovery.responder.AnswererTest.address;

import org.junit.jupiter.api.Test;

/** Which link a multicast datagram belongs to, by its source (RFC 6762 §11's on-link check). */
class LinkMapTest {
    private final LinkMap links = new LinkMap();

    @Test
    void aDatagramBelongsToTheLinkWhoseSubnetHoldsItsSourceAndOnlyThere() {
        links.add(address("10.77.0.1"), 24);
        links.add(address("10.78.0.1"), 24);

        assertThat(links.belongsTo(address("10.77.0.1"), address("10.77.0.2"))).isTrue();
        assertThat(links.belongsTo(address("10.78.0.1"), address("10.77.0.2"))).isFalse();
        assertThat(links.belongsTo(address("10.78.0.1"), address("10.78.0.2"))).isTrue();
    }

    @Test
    void aSourceOnNoneOfOurSubnetsIsHeardOnEveryLink() {
        links.add(address("10.77.0.1"), 24);
        links.add(address("10.78.0.1"), 24);

        assertThat(links.belongsTo(address("10.77.0.1"), address("169.254.3.4"))).isTrue();
        assertThat(links.belongsTo(address("10.78.0.1"), address("169.254.3.4"))).isTrue();
    }

    @Test
    void ourOwnAddressesAreRecognisedSoOurLoopedBackPacketsAreIgnored() {
        links.add(address("10.77.0.1"), 24);

        assertThat(links.isOwnAddress(address("10.77.0.1"))).isTrue();
        assertThat(links.isOwnAddress(address("10.77.0.2"))).isFalse();
        links.remove(address("10.77.0.1"));
        assertThat(links.isOwnAddress(address("10.77.0.1"))).isFalse();
    }
}
