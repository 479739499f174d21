package org.lanchat.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.jmdns.impl.DNSQuestion;
import javax.jmdns.impl.constants.DNSRecordClass;
import javax.jmdns.impl.constants.DNSRecordType;
import org.junit.jupiter.api.Test;

/**
 * Which questions a browser's JmDNS may answer: only those for its own host name's address (A or ANY). An outside
 * tester saw it answer another machine's names (before) and an AAAA question with an A record, which RFC 6762 §6
 * forbids.
 */
class JmdnsTaskStartersTest {
    private static final String HOST = "clientbox-eth1-browser.local.";

    @Test
    void onlyAnAddressQuestionForItsOwnHostNameIsAnswered() {
        assertThat(asks(HOST, DNSRecordType.TYPE_A)).isTrue();
        assertThat(asks("CLIENTBOX-eth1-browser.local.", DNSRecordType.TYPE_ANY)).as("names ignore case").isTrue();
        assertThat(asks(HOST, DNSRecordType.TYPE_AAAA)).as("it has no IPv6 address to give").isFalse();
        assertThat(asks("printer.local.", DNSRecordType.TYPE_A)).isFalse();
    }

    private static boolean asks(String name, DNSRecordType type) {
        return JmdnsTaskStarters.asksAbout(List.of(DNSQuestion.newQuestion(name, type, DNSRecordClass.CLASS_IN, false)),
                HOST);
    }
}
