package org.lanchat.discovery.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Our own datagrams, looped back, are told from another responder's on this machine by their bytes: both come from
 * the machine's address and port 5353, and RFC 6762 §15 asks that responders on one host hear each other.
 */
class OwnDatagramsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final OwnDatagrams sent = new OwnDatagrams(now::get);

    @Test
    void aDatagramWeSentIsKnownWhenItComesBack() {
        byte[] announcement = bytes("our announcement");
        sent.sending(announcement);

        assertThat(sent.sentLately(announcement, announcement.length)).isTrue();
    }

    @Test
    void anotherRespondersDatagramIsNotOursThoughItComesFromTheSameAddress() {
        sent.sending(bytes("our announcement"));

        byte[] theirs = bytes("their announcement");
        assertThat(sent.sentLately(theirs, theirs.length)).isFalse();
    }

    @Test
    void onlyTheReceivedLengthOfTheSocketsBufferCounts() {
        byte[] announcement = bytes("our announcement");
        sent.sending(announcement);

        byte[] buffer = Arrays.copyOf(announcement, 9000);
        assertThat(sent.sentLately(buffer, announcement.length)).isTrue();
        assertThat(sent.sentLately(buffer, announcement.length - 1)).isFalse();
    }

    @Test
    void aDatagramIsOursForAFewSecondsOnlySoTheSameBytesLaterFromAnotherResponderAreHeard() {
        byte[] probe = bytes("a probe");
        sent.sending(probe);

        now.addAndGet(OwnDatagrams.REMEMBERED_MS + 1);
        assertThat(sent.sentLately(probe, probe.length)).isFalse();
    }

    @Test
    void sendingTheSameBytesAgainKeepsThemOursForAnotherFewSeconds() {
        byte[] answer = bytes("an answer");
        sent.sending(answer);
        now.addAndGet(OwnDatagrams.REMEMBERED_MS - 100);
        sent.sending(answer);

        now.addAndGet(200);
        assertThat(sent.sentLately(answer, answer.length)).isTrue();
    }

    /** What is sent to a link is remembered for all of one advertiser's responders, whose sockets all hear it. */
    @Test
    void theLinkMapTakesADatagramForOursByItsBytesAndPortWhateverItsSourceAddress() {
        LinkMap links = new LinkMap();
        links.add(AnswererTest.address("10.77.0.1"), 24);
        byte[] announcement = bytes("our announcement");
        links.sending(announcement);
        byte[] theirs = bytes("a second appliance's announcement");

        assertThat(links.isOwnDatagram(from("10.77.0.1", 5353), announcement, announcement.length)).isTrue();
        assertThat(links.isOwnDatagram(from("10.77.0.1", 5353), theirs, theirs.length)).isFalse();
        assertThat(links.isOwnDatagram(from("10.77.0.1", 40000), announcement, announcement.length)).isFalse();
    }

    private static InetSocketAddress from(String address, int port) {
        return new InetSocketAddress(AnswererTest.address(address), port);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
