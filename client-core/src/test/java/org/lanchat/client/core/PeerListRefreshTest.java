package org.lanchat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerLinkMessage.PeerAddress;
import org.lanchat.protocol.message.PeerLinkMessage.PeerCredentialIssued;
import org.lanchat.protocol.message.PeerLinkMessage.PeerList;
import org.lanchat.protocol.message.PeerRequest.PeerCredentialRequest;
import org.lanchat.protocol.message.PeerRequest.PeersRequest;
import org.lanchat.protocol.message.SessionMessage.Limits;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * When a colleague comes online the client asks where the others take peer links (PROTOCOL.md §7.15). A
 * colleague's client may give its port seconds after its login (a command line starting on a busy machine), so
 * while someone who came online is not on the list, the list is asked again, at doubling waits, and then no more.
 */
class PeerListRefreshTest {
    private final FakeRequests appliance = new FakeRequests();
    private final ManualScheduler clock = new ManualScheduler();
    private final PeerAssist assist = new PeerAssist(appliance, clock, Optional.empty(),
            () -> Optional.of(new CertificateFingerprint("ab".repeat(32))), null);
    private final PeerAddress eddy = new PeerAddress("eddy", "127.0.0.1", 4000);

    @BeforeEach
    void loggedInWithACredential() {
        assist.sessionStarted(new Session("dora", "Office", "1", new Limits(1, 1, 1, 1, 1, 1), List.of(),
                new ResumeToken("t", Instant.now().plusSeconds(60))));
        PeerCredentialRequest asked = appliance.open(PeerCredentialRequest.class).getFirst();
        appliance.reply(asked, new PeerCredentialIssued(asked.id(),
                new PeerCredential("dora", new byte[44], 1, 2, new byte[1], new byte[64])));
        answerPeers(List.of());
    }

    @Test
    void aColleagueListedAtTheFirstAskIsNotAskedForAgain() {
        assist.colleaguesJoined(List.of("Eddy"));
        clock.runDue(PeerAssist.AFTER_JOIN);
        answerPeers(List.of(eddy));

        assertThat(assist.knownPeers()).containsExactly(eddy);
        assertThat(clock.waiting()).isEmpty();
    }

    @Test
    void aColleagueWhoseClientGivesItsPortLateIsFoundByALaterAsk() {
        assist.colleaguesJoined(List.of("eddy"));
        clock.runDue(PeerAssist.AFTER_JOIN);
        answerPeers(List.of());
        assertThat(clock.waiting()).as("asked again after twice the wait").containsExactly(PeerAssist.AFTER_JOIN.multipliedBy(2));

        clock.runDue(PeerAssist.AFTER_JOIN.multipliedBy(2));
        answerPeers(List.of(eddy));
        assertThat(assist.knownPeers()).containsExactly(eddy);
        assertThat(clock.waiting()).isEmpty();
    }

    @Test
    void aColleagueWhoseClientTakesNoLinksCostsAFewAsksAndThenNoMore() {
        assist.colleaguesJoined(List.of("quiet"));
        Duration wait = PeerAssist.AFTER_JOIN;
        for (int ask = 1; ask <= PeerAssist.ASKS_PER_JOIN; ask++) {
            assertThat(clock.waiting()).as("ask %d", ask).containsExactly(wait);
            clock.runDue(wait);
            answerPeers(List.of());
            wait = wait.multipliedBy(2);
        }
        assertThat(clock.waiting()).isEmpty();
        assertThat(appliance.sent()).filteredOn(PeersRequest.class::isInstance).hasSize(1 + PeerAssist.ASKS_PER_JOIN);
    }

    @Test
    void someoneElseComingOnlineStartsTheWaitsAgainWithOneAskForBoth() {
        assist.colleaguesJoined(List.of("quiet"));
        clock.runDue(PeerAssist.AFTER_JOIN);
        answerPeers(List.of());
        assist.colleaguesJoined(List.of("eddy"));

        assertThat(clock.waiting()).containsExactly(PeerAssist.AFTER_JOIN);
        clock.runDue(PeerAssist.AFTER_JOIN);
        assertThat(appliance.open(PeersRequest.class)).hasSize(1);
        answerPeers(List.of(eddy));
        assertThat(clock.waiting()).as("quiet is still not listed").containsExactly(PeerAssist.AFTER_JOIN.multipliedBy(2));
    }

    private void answerPeers(List<PeerAddress> peers) {
        List<PeersRequest> open = appliance.open(PeersRequest.class);
        assertThat(open).hasSize(1);
        appliance.reply(open.getFirst(), new PeerList(open.getFirst().id(), peers));
    }
}
