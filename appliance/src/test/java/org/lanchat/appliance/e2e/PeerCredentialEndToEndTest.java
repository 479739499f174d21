package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.account.PeerCredentialIssuer;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerLinkMessage.PeerAddress;
import org.lanchat.protocol.message.PeerLinkMessage.PeerCredentialIssued;
import org.lanchat.protocol.message.PeerLinkMessage.PeerList;
import org.lanchat.protocol.message.PeerRequest.PeerCredentialRequest;
import org.lanchat.protocol.message.PeerRequest.PeersRequest;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.trust.PeerCredentials;
import org.lanchat.protocol.trust.UntrustedPeerException;
import org.lanchat.protocol.trust.UntrustedPeerException.Reason;

/**
 * Peer credentials over real TLS (PROTOCOL §7.13): what a logged-in user gets, and every way a credential
 * that does not prove who its holder is gets refused by a peer that pinned the appliance.
 */
class PeerCredentialEndToEndTest {
    @TempDir
    Path dir;
    RunningAppliance appliance;

    @BeforeEach
    void start() {
        appliance = RunningAppliance.startEmbeddedIn(dir.resolve("appliance"));
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    @Test
    void aLoggedInUserGetsTheirKeySignedForSevenDaysAndAPeerThatPinnedTheApplianceAcceptsIt() throws Exception {
        KeyPair alicesKey = peerKey();
        TestClient alice = appliance.newUser("Alice");

        PeerCredential credential = credentialFor(alice, alicesKey.getPublic().getEncoded());

        assertThat(credential.username()).isEqualTo("Alice");
        assertThat(credential.publicKey()).isEqualTo(alicesKey.getPublic().getEncoded());
        assertThat(credential.expiresAt() - credential.issuedAt()).isEqualTo(PeerCredentialIssuer.VALIDITY.toMillis());
        assertThat(PeerCredentials.verify(credential, appliance.fingerprint(), Instant.now()))
                .as("the key the peer must then prove it holds").isEqualTo(alicesKey.getPublic());
    }

    @Test
    void aCredentialClaimingAnotherNameOrKeyIsRefused() throws Exception {
        PeerCredential alices = credentialFor(appliance.newUser("alice"), peerKey().getPublic().getEncoded());
        appliance.newUser("bob");

        PeerCredential renamed = new PeerCredential("bob", alices.publicKey(), alices.issuedAt(), alices.expiresAt(),
                alices.certificate(), alices.signature());
        PeerCredential rekeyed = new PeerCredential("alice", peerKey().getPublic().getEncoded(), alices.issuedAt(),
                alices.expiresAt(), alices.certificate(), alices.signature());
        PeerCredential extended = new PeerCredential("alice", alices.publicKey(), alices.issuedAt(),
                alices.expiresAt() + Duration.ofDays(365).toMillis(), alices.certificate(), alices.signature());

        assertRefused(renamed, Instant.now(), Reason.BAD_SIGNATURE);
        assertRefused(rekeyed, Instant.now(), Reason.BAD_SIGNATURE);
        assertRefused(extended, Instant.now(), Reason.BAD_SIGNATURE);
    }

    @Test
    void anExpiredOrReplayedCredentialIsRefusedOutsideItsValidity() throws Exception {
        PeerCredential credential = credentialFor(appliance.newUser("alice"), peerKey().getPublic().getEncoded());

        assertRefused(credential, Instant.ofEpochMilli(credential.expiresAt()).plusSeconds(1), Reason.EXPIRED);
        assertRefused(credential, Instant.ofEpochMilli(credential.issuedAt()).minus(Duration.ofMinutes(10)),
                Reason.NOT_YET_VALID);
        assertThat(PeerCredentials.verify(credential, appliance.fingerprint(),
                Instant.ofEpochMilli(credential.issuedAt()).minus(Duration.ofMinutes(1))))
                .as("a clock a minute behind the appliance's still accepts it").isNotNull();
    }

    @Test
    void aCredentialFromAnotherApplianceIsRefusedEvenWhenItCarriesThePinnedCertificate() throws Exception {
        byte[] key = peerKey().getPublic().getEncoded();
        PeerCredential rogues;
        try (RunningAppliance rogue = RunningAppliance.startEmbeddedIn(dir.resolve("rogue"))) {
            rogues = credentialFor(rogue.newUser("alice"), key);
        }
        assertRefused(rogues, Instant.now(), Reason.OTHER_APPLIANCE);

        // The real appliance's certificate is public (every TLS handshake shows it); the rogue's signature is not its.
        byte[] pinnedCertificate = credentialFor(appliance.newUser("bob"), key).certificate();
        PeerCredential borrowed = new PeerCredential("alice", key, rogues.issuedAt(), rogues.expiresAt(),
                pinnedCertificate, rogues.signature());
        assertRefused(borrowed, Instant.now(), Reason.BAD_SIGNATURE);
    }

    @Test
    void onlyAnEd25519KeyIsSignedAndOnlyForALoggedInConnection() throws Exception {
        TestClient alice = appliance.newUser("alice");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);

        // An EC key, bytes that are no key at all, and an Ed25519 key with a byte appended.
        byte[] ed25519 = peerKey().getPublic().getEncoded();
        byte[] padded = Arrays.copyOf(ed25519, ed25519.length + 1);
        for (byte[] notEd25519 : new byte[][] {ec.generateKeyPair().getPublic().getEncoded(),
                "not a key".getBytes(StandardCharsets.UTF_8), padded}) {
            assertThat(alice.requestError(new PeerCredentialRequest(alice.nextId(), notEd25519)).code())
                    .isEqualTo(ErrorCode.INVALID_FIELD);
        }

        TestClient stranger = appliance.connect();
        assertThat(stranger.requestError(new PeerCredentialRequest(stranger.nextId(), ed25519)).code())
                .isEqualTo(ErrorCode.NOT_AUTHENTICATED);
    }


    @Test
    void theOtherUsersOnlineWhoGaveAPeerPortAreListedWithTheAddressTheyConnectFrom() throws Exception {
        TestClient alice = appliance.newUser("alice");
        TestClient bob = appliance.newUser("bob");
        TestClient carol = appliance.newUser("carol");
        TestClient dave = appliance.newUser("dave");
        alice.request(new PeerCredentialRequest(alice.nextId(), peerKey().getPublic().getEncoded(), 40_001), PeerCredentialIssued.class);
        bob.request(new PeerCredentialRequest(bob.nextId(), peerKey().getPublic().getEncoded()), PeerCredentialIssued.class);
        carol.request(new PeerCredentialRequest(carol.nextId(), peerKey().getPublic().getEncoded(), 40_003), PeerCredentialIssued.class);

        assertThat(peers(dave)).as("bob gave no port; dave gave none and is not listed to himself")
                .containsExactlyInAnyOrder(new PeerAddress("alice", "127.0.0.1", 40_001), new PeerAddress("carol", "127.0.0.1", 40_003));
        assertThat(peers(alice)).as("not herself").containsExactly(new PeerAddress("carol", "127.0.0.1", 40_003));

        carol.close();
        await().atMost(TestClient.TIMEOUT).until(() -> peers(dave).stream().noneMatch(p -> p.username().equals("carol")));
        assertThat(peers(dave)).containsExactly(new PeerAddress("alice", "127.0.0.1", 40_001));

        String key = Base64.getEncoder().encodeToString(peerKey().getPublic().getEncoded());
        for (int port : new int[] {0, 65_536}) {
            dave.sendJson("{\"type\":\"peer_credential\",\"id\":\"port-" + port + "\",\"publicKey\":\"" + key
                    + "\",\"port\":" + port + "}");
            assertThat(TestClient.codeOf(dave.awaitReply("port-" + port))).as("port " + port).isEqualTo(ErrorCode.INVALID_FIELD);
        }
        TestClient stranger = appliance.connect();
        assertThat(stranger.requestError(new PeersRequest(stranger.nextId())).code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
    }

    /** A port is noted with the credential it came with: the next user to log in on the connection gave none. */
    @Test
    void aPeerPortIsForgottenWhenItsUserLogsOutAndAnotherLogsInOnTheSameConnection() throws Exception {
        appliance.newUser("mallory").close();
        TestClient bob = appliance.newUser("bob");
        TestClient shared = appliance.newUser("alice");
        shared.request(new PeerCredentialRequest(shared.nextId(), peerKey().getPublic().getEncoded(), 40_404), PeerCredentialIssued.class);
        assertThat(peers(bob)).containsExactly(new PeerAddress("alice", "127.0.0.1", 40_404));

        shared.request(new SessionRequest.Logout(shared.nextId()), SessionMessage.Ok.class);
        shared.login("mallory", RunningAppliance.PASSWORD);

        assertThat(peers(bob)).as("mallory asked for no credential on it").isEmpty();
    }

    @Test
    void oneUsersConnectionsAreListedEightAtMostSoTheListAlwaysFitsAFrame() throws Exception {
        TestClient mallory = appliance.newUser("mallory");
        TestClient dave = appliance.newUser("dave");
        List<TestClient> more = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) { // each of her connections names a port of its own
            TestClient connection = i == 0 ? mallory : appliance.login("mallory");
            more.add(connection);
            connection.request(new PeerCredentialRequest(connection.nextId(), peerKey().getPublic().getEncoded(), 41_000 + i),
                    PeerCredentialIssued.class);
        }

        assertThat(peers(dave)).hasSize(8).allSatisfy(p -> assertThat(p.username()).isEqualTo("mallory"));
        more.forEach(TestClient::close);
    }

    @Test
    void aListTooLargeForTheFrameIsAnErrorWithItsRequestIdAndTheConnectionStays() throws Exception {
        appliance.close();
        Path small = dir.resolve("small");
        java.nio.file.Files.createDirectories(small);
        appliance = RunningAppliance.start(small, org.lanchat.appliance.testing.TestDatabase.h2(small), b -> b.maxFrameBytes(1024));
        TestClient dave = appliance.newUser("dave");
        for (int i = 0; i < 30; i++) { // about 50 bytes each in the list: more than a 1024-byte frame
            TestClient colleague = appliance.newUser("colleague" + i);
            colleague.request(new PeerCredentialRequest(colleague.nextId(), peerKey().getPublic().getEncoded(), 42_000 + i),
                    PeerCredentialIssued.class);
        }

        // Before, the list was encoded on the connection's I/O thread, and the failure closed the connection.
        SessionMessage.Error tooLarge = dave.requestError(new PeersRequest(dave.nextId()));
        assertThat(tooLarge.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertThat(dave.request(new SessionRequest.Ping(dave.nextId()), SessionMessage.Pong.class)).as("still open").isNotNull();
    }

    private static List<PeerAddress> peers(TestClient client) {
        return client.request(new PeersRequest(client.nextId()), PeerList.class).peers();
    }

    private static PeerCredential credentialFor(TestClient client, byte[] publicKey) {
        return client.request(new PeerCredentialRequest(client.nextId(), publicKey), PeerCredentialIssued.class).credential();
    }

    private void assertRefused(PeerCredential credential, Instant at, Reason reason) {
        assertThatThrownBy(() -> PeerCredentials.verify(credential, appliance.fingerprint(), at))
                .isInstanceOfSatisfying(UntrustedPeerException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static KeyPair peerKey() throws NoSuchAlgorithmException {
        return KeyPairGenerator.getInstance(PeerCredentials.PEER_KEY_ALGORITHM).generateKeyPair();
    }
}
