package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.net.DirectSubmissions;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationMessage.HistoryPage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerLinkMessage.PeerCredentialIssued;
import org.lanchat.protocol.message.PeerRequest.PeerCredentialRequest;
import org.lanchat.protocol.message.PeerRequest.SubmitDirect;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.protocol.trust.PeerCredentials;

/**
 * When a peer credential stops vouching for the messages handed in under it (PROTOCOL §5.15, §7.14), over real TLS: a
 * week after it expired for everyone, and at its session's logout for everyone but its user. A private key copied
 * from a client's disk signs whatever it likes with any send time, so neither may depend on the time it states.
 * The appliance's clock moves only when a test moves it.
 */
class EndedPeerCredentialsEndToEndTest {
    @TempDir
    Path dir;
    AtomicLong now = new AtomicLong(System.currentTimeMillis());
    RunningAppliance appliance;
    TestClient carol;
    TestClient dave;
    KeyPair carolsKey;

    @BeforeEach
    void start() throws GeneralSecurityException {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir), UnaryOperator.identity(), now::get);
        carol = appliance.newUser("carol");
        dave = appliance.newUser("dave");
        carolsKey = KeyPairGenerator.getInstance(PeerCredentials.PEER_KEY_ALGORITHM).generateKeyPair();
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    /**
     * A message sent on the credential's last day is still taken in a week later; after that nothing signed under it is,
     * whoever hands it in and whatever send time it states.
     */
    @Test
    void aCredentialHandsInMessagesUntilAWeekAfterItExpiredAndThenNone() throws Exception {
        PeerCredential credential = credential(carol);
        DirectMessage lastDay = signed("last-day", Instant.ofEpochMilli(credential.expiresAt()).minus(Duration.ofHours(1)));
        DirectMessage backdated = signed("backdated", Instant.ofEpochMilli(credential.issuedAt()).plusSeconds(60));
        long endOfGrace = credential.expiresAt() + DirectSubmissions.HAND_IN_GRACE.toMillis();

        now.set(endOfGrace);
        Ack within = dave.request(new SubmitDirect(dave.nextId(), credential, lastDay), Ack.class);
        assertThat(within.sentAt()).as("kept as sent").isEqualTo(lastDay.sentAt());

        now.set(endOfGrace + 1);
        for (TestClient submitter : List.of(dave, carol)) {
            SessionMessage.Error refused = submitter.requestError(new SubmitDirect(submitter.nextId(), credential, backdated));
            assertThat(refused.code()).as("handed in by %s", submitter.username()).isEqualTo(ErrorCode.UNTRUSTED_PEER);
            assertThat(refused.message()).contains("expired");
        }
        assertThat(groupHistory(dave)).extracting(ChatMessage::clientMsgId).containsExactly("last-day");
    }

    /**
     * {@code lanchat logout} runs on a connection of its own that resumes the session; the credential was asked for on
     * another. After it, a copy of the key left on disk vouches for nobody else's hand-in; carol herself, logged in
     * again, hands in what she really sent, and a credential issued to her new session is taken from anyone.
     */
    @Test
    void afterItsSessionLoggedOutACredentialVouchesForNobodyButItsUser() throws Exception {
        PeerCredential beforeLogout = credential(carol);
        DirectMessage forged = signed("forged", Instant.ofEpochMilli(beforeLogout.issuedAt()).plusSeconds(60));
        DirectMessage genuine = signed("genuine", Instant.ofEpochMilli(beforeLogout.issuedAt()).plusSeconds(120));

        now.addAndGet(1000);
        logOutElsewhere(carol.token());
        now.addAndGet(1000);

        SessionMessage.Error refused = dave.requestError(new SubmitDirect(dave.nextId(), beforeLogout, forged));
        assertThat(refused.code()).isEqualTo(ErrorCode.UNTRUSTED_PEER);
        assertThat(refused.message()).contains("logged out");

        TestClient carolAgain = appliance.login("carol");
        assertThat(carolAgain.request(new SubmitDirect(carolAgain.nextId(), beforeLogout, genuine), Ack.class).duplicate())
                .as("carol hands in her own").isFalse();
        PeerCredential afterLogin = credential(carolAgain);
        DirectMessage sinceLogin = signed("since-login", Instant.ofEpochMilli(afterLogin.issuedAt()).plusSeconds(1));
        assertThat(dave.request(new SubmitDirect(dave.nextId(), afterLogin, sinceLogin), Ack.class).duplicate())
                .as("a credential of the same key, issued after the logout").isFalse();
        assertThat(groupHistory(dave)).extracting(ChatMessage::clientMsgId).containsExactlyInAnyOrder("genuine", "since-login");
    }

    /** Both what the session was issued and its logout are kept through restarts. */
    @Test
    void aLogoutEndsTheCredentialsOfItsSessionAcrossRestarts() throws Exception {
        PeerCredential beforeLogout = credential(carol);
        DirectMessage forged = signed("forged", Instant.ofEpochMilli(beforeLogout.issuedAt()).plusSeconds(60));
        String token = carol.token();

        appliance.restart();
        now.addAndGet(1000);
        logOutElsewhere(token);
        appliance.restart();

        TestClient daveAgain = appliance.login("dave");
        assertThat(daveAgain.requestError(new SubmitDirect(daveAgain.nextId(), beforeLogout, forged)).code())
                .isEqualTo(ErrorCode.UNTRUSTED_PEER);
        assertThat(groupHistory(daveAgain)).as("nothing forged stored").isEmpty();
    }

    private void logOutElsewhere(String token) {
        TestClient logout = appliance.connect();
        logout.resume(token);
        logout.request(new SessionRequest.Logout(logout.nextId()), SessionMessage.Ok.class);
    }

    private PeerCredential credential(TestClient client) {
        return client.request(new PeerCredentialRequest(client.nextId(), carolsKey.getPublic().getEncoded()),
                PeerCredentialIssued.class).credential();
    }

    private DirectMessage signed(String clientMsgId, Instant sentAt) throws GeneralSecurityException {
        return PeerCredentials.signMessage("carol", clientMsgId, Conversation.GROUP, "sent directly: " + clientMsgId, null,
                sentAt, carolsKey.getPrivate());
    }

    private static List<ChatMessage> groupHistory(TestClient client) {
        return client.request(new ConversationRequest.HistoryRequest(client.nextId(), Conversation.GROUP, null, null, 100),
                HistoryPage.class).messages();
    }
}
