package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.limits.RateLimits;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.appliance.testing.TestClient;
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
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.trust.PeerCredentials;

/**
 * Taking in what was sent directly while the appliance was away (PROTOCOL §7.14), over real TLS: each
 * message is stored once, under its sender, with the time it was sent, whoever hands it in and however
 * often; anything its signature and credential do not prove is refused.
 */
class DirectSubmissionEndToEndTest {
    @TempDir
    Path dir;
    RunningAppliance appliance;
    TestClient alice;
    TestClient bob;
    TestClient carol;
    KeyPair alicesKey;
    PeerCredential alicesCredential;

    @BeforeEach
    void start() throws GeneralSecurityException {
        appliance = RunningAppliance.startEmbeddedIn(dir.resolve("appliance"));
        alice = appliance.newUser("alice");
        bob = appliance.newUser("bob");
        carol = appliance.newUser("carol");
        alicesKey = peerKey();
        alicesCredential = credential(alice, alicesKey);
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    @Test
    void aGroupMessageSentDirectlyIsStoredOnceUnderItsSenderWithItsSendTimeWhoeverSubmitsIt() throws Exception {
        Instant sent = Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MILLIS);
        String clientMsgId = UUID.randomUUID().toString();
        DirectMessage m = PeerCredentials.signMessage("alice", clientMsgId, Conversation.GROUP, "the appliance is down",
                null, sent, alicesKey.getPrivate());

        Ack byBob = bob.request(new SubmitDirect(bob.nextId(), alicesCredential, m), Ack.class);
        Ack byCarol = carol.request(new SubmitDirect(carol.nextId(), alicesCredential, m), Ack.class);
        Ack byAliceHerself = alice.send(Conversation.GROUP, "the appliance is down", clientMsgId);

        assertThat(byBob.duplicate()).isFalse();
        assertThat(byBob.sentAt()).as("the time alice's client sent it").isEqualTo(sent.toEpochMilli());
        assertThat(List.of(byCarol, byAliceHerself)).allSatisfy(ack -> {
            assertThat(ack.duplicate()).isTrue();
            assertThat(ack.messageId()).isEqualTo(byBob.messageId());
            assertThat(ack.seq()).isEqualTo(byBob.seq());
        });
        ChatMessage live = carol.await(ChatMessage.class, c -> c.clientMsgId().equals(clientMsgId));
        assertThat(live.from()).isEqualTo("alice");
        assertThat(live.seq()).as("the submitter learns the sequence number like everyone").isEqualTo(byBob.seq());
        assertThat(history(carol, Conversation.GROUP)).filteredOn(h -> h.clientMsgId().equals(clientMsgId))
                .singleElement().satisfies(h -> {
                    assertThat(h.from()).isEqualTo("alice");
                    assertThat(h.text()).isEqualTo("the appliance is down");
                    assertThat(h.sentAt()).isEqualTo(sent.toEpochMilli());
                });
    }

    @Test
    void aPrivateMessageSentDirectlyLandsInTheConversationOfItsSenderAndRecipient() throws Exception {
        String clientMsgId = UUID.randomUUID().toString();
        DirectMessage m = PeerCredentials.signMessage("alice", clientMsgId, Conversation.with("bob"), null, "smile",
                Instant.now(), alicesKey.getPrivate());

        Ack ack = bob.request(new SubmitDirect(bob.nextId(), alicesCredential, m), Ack.class);

        assertThat(ack.conversation()).as("as its sender named it").isEqualTo(Conversation.with("bob"));
        assertThat(history(bob, Conversation.with("alice"))).extracting(ChatMessage::clientMsgId, ChatMessage::sticker)
                .contains(tuple(clientMsgId, "smile"));
        assertThat(history(carol, Conversation.GROUP)).noneMatch(h -> h.clientMsgId().equals(clientMsgId));
    }

    @Test
    void aSendTimeAheadOfTheAppliancesClockIsStoredAsTheCommitTime() throws Exception {
        long before = System.currentTimeMillis();
        DirectMessage m = PeerCredentials.signMessage("alice", UUID.randomUUID().toString(), Conversation.GROUP,
                "from a clock an hour fast", null, Instant.now().plus(Duration.ofHours(1)), alicesKey.getPrivate());

        Ack ack = bob.request(new SubmitDirect(bob.nextId(), alicesCredential, m), Ack.class);

        assertThat(ack.sentAt()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void whatTheSignatureAndCredentialDoNotProveIsRefusedAndNotStored() throws Exception {
        KeyPair bobsKey = peerKey();
        PeerCredential bobsCredential = credential(bob, bobsKey);
        PeerCredential rogueCredential;
        try (RunningAppliance rogue = RunningAppliance.startEmbeddedIn(dir.resolve("rogue"))) {
            rogueCredential = credential(rogue.newUser("alice"), alicesKey);
        }
        DirectMessage genuine = PeerCredentials.signMessage("alice", "m-1", Conversation.GROUP, "genuine", null,
                Instant.now(), alicesKey.getPrivate());
        DirectMessage altered = new DirectMessage("m-1", Conversation.GROUP, "altered", null, genuine.sentAt(),
                genuine.signature());
        DirectMessage signedByBob = PeerCredentials.signMessage("alice", "m-2", Conversation.GROUP, "bob pretends", null,
                Instant.now(), bobsKey.getPrivate());
        DirectMessage beforeTheCredential = PeerCredentials.signMessage("alice", "m-3", Conversation.GROUP, "backdated",
                null, Instant.ofEpochMilli(alicesCredential.issuedAt()).minus(Duration.ofHours(1)), alicesKey.getPrivate());

        record Attempt(String what, PeerCredential credential, DirectMessage message) {
        }
        for (Attempt attempt : List.of(
                new Attempt("text changed after signing", alicesCredential, altered),
                new Attempt("signed with bob's key, shown with alice's credential", alicesCredential, signedByBob),
                new Attempt("alice's message shown with bob's credential", bobsCredential, genuine),
                new Attempt("credential from another appliance", rogueCredential, genuine),
                new Attempt("sent before the credential was issued", alicesCredential, beforeTheCredential))) {
            assertThat(carol.requestError(new SubmitDirect(carol.nextId(), attempt.credential(), attempt.message())).code())
                    .as(attempt.what()).isEqualTo(ErrorCode.UNTRUSTED_PEER);
        }
        assertThat(history(carol, Conversation.GROUP)).as("nothing stored").isEmpty();

        TestClient stranger = appliance.connect();
        assertThat(stranger.requestError(new SubmitDirect(stranger.nextId(), alicesCredential, genuine)).code())
                .isEqualTo(ErrorCode.NOT_AUTHENTICATED);
    }

    @Test
    void aRoomMessageIsNeverTakenInSoAnOutsiderLearnsNothingOfAPrivateRoom() {
        Conversation room = alice.request(new RoomRequest.CreateRoom(alice.nextId(), "Plans", null, "private"),
                RoomMessage.Room.class).room().conversation();
        DirectMessage toTheRoom;
        try {
            toTheRoom = PeerCredentials.signMessage("alice", "r-1", room, "for members only", null, Instant.now(),
                    alicesKey.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }

        SessionMessage.Error byOutsider = carol.requestError(new SubmitDirect(carol.nextId(), alicesCredential, toTheRoom));
        SessionMessage.Error forANonexistentRoom = carol.requestError(new SubmitDirect(carol.nextId(), alicesCredential,
                new DirectMessage("r-2", Conversation.room(999_999), "x", null, toTheRoom.sentAt(), toTheRoom.signature())));

        assertThat(byOutsider.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(byOutsider.message()).as("the same answer whether the room exists or not").isEqualTo(forANonexistentRoom.message());
        assertThat(history(alice, room)).as("nothing stored").isEmpty();
    }

    @Test
    void messagesHandedInCountAgainstTheirSendersRateHoweverManySubmitThem() throws Exception {
        restartWithTheLimits();
        List<DirectMessage> flood = new ArrayList<>();
        for (int i = 0; i < 10 * 80; i++) {
            flood.add(PeerCredentials.signMessage("alice", "flood-" + i, Conversation.GROUP, "flood " + i, null,
                    Instant.now(), alicesKey.getPrivate()));
        }
        int[] admitted = {0};
        SessionMessage.Error refused = handInUntilRefused(flood.size(), i -> i % 2 == 0 ? bob : carol, flood::get,
                admitted);

        assertThat(refused).as("refused before 800 were taken in").isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfterMs()).isPositive();
        assertThat(refused.message()).contains("the sender's account");
        assertThat(admitted[0]).as("at least alice's burst of 2 s at 40 a second").isGreaterThanOrEqualTo(80);
        SessionMessage.Error aliceHerself = null;
        for (int i = 0; aliceHerself == null && i < 100; i++) {
            if (alice.roundTrip(new Posting.Send(alice.nextId(), "own-" + i, Conversation.GROUP, "and me", null))
                    instanceof SessionMessage.Error error) {
                aliceHerself = error;
            }
        }
        assertThat(aliceHerself).as("alice's own sends share the bucket").isNotNull();
        assertThat(aliceHerself.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    }

    /**
     * Bob holds one of alice's messages and hands it in 300 times as fast as he can: the first copy is alice's message,
     * every later one stores nothing and counts against bob, so bob is the one refused and alice's own 40 sends (her
     * connection's burst) all go through.
     */
    @Test
    void aCopyHandedInAgainCountsAgainstWhoeverHandsItInNotItsSender() throws Exception {
        restartWithTheLimits();
        DirectMessage m = PeerCredentials.signMessage("alice", "held-by-bob", Conversation.GROUP, "lunch?", null,
                Instant.now(), alicesKey.getPrivate());
        SessionMessage.Error bobRefused = handInUntilRefused(300, i -> bob, i -> m, new int[1]);
        assertThat(bobRefused).as("bob is limited").isNotNull();
        assertThat(bobRefused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(bobRefused.message()).contains("handed in by this account");

        for (int i = 0; i < 40; i++) {
            assertThat(alice.roundTrip(new Posting.Send(alice.nextId(), "own-" + i, Conversation.GROUP, "and me", null)))
                    .as("alice's send %d", i).isInstanceOf(Ack.class);
        }
    }

    /**
     * Hands in {@code messageOf(i)} by {@code submitterOf(i)}, 30 at a time (below the 32 requests a connection may have
     * in progress), each window answered before the next, until one is refused or {@code max} were sent: far faster
     * than the 40 a second of a bucket, however long each commit takes on a busy machine (one at a time, a test at 25 ms
     * a commit never reached the limit). Returns the first refusal, or null; counts the acknowledged in
     * {@code admitted[0]}.
     */
    private SessionMessage.Error handInUntilRefused(int max, IntFunction<TestClient> submitterOf,
                                                    IntFunction<DirectMessage> messageOf, int[] admitted) {
        record Pending(TestClient submitter, String id) {
        }
        int sent = 0;
        while (sent < max) {
            List<Pending> window = new ArrayList<>();
            for (int i = 0; i < 30 && sent < max; i++, sent++) {
                TestClient submitter = submitterOf.apply(sent);
                SubmitDirect request = new SubmitDirect(submitter.nextId(), alicesCredential, messageOf.apply(sent));
                submitter.sendMessage(request);
                window.add(new Pending(submitter, request.id()));
            }
            SessionMessage.Error refused = null;
            for (Pending pending : window) {
                if (pending.submitter().awaitReply(pending.id()) instanceof SessionMessage.Error error) {
                    refused = refused == null ? error : refused;
                } else {
                    admitted[0]++;
                }
            }
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    /** The other tests exempt this machine from the limits, as tests driving many clients need; these need them. */
    private void restartWithTheLimits() throws GeneralSecurityException, IOException {
        appliance.close();
        Path limitedDir = dir.resolve("limited");
        Files.createDirectories(limitedDir);
        appliance = RunningAppliance.start(limitedDir, TestDatabase.h2(limitedDir), b -> b.rateLimits(RateLimits.DEFAULTS));
        alice = appliance.newUser("alice");
        bob = appliance.newUser("bob");
        carol = appliance.newUser("carol");
        alicesCredential = credential(alice, alicesKey);
    }

    private static List<ChatMessage> history(TestClient client, Conversation conversation) {
        return client.request(new ConversationRequest.HistoryRequest(client.nextId(), conversation, null, null, 100),
                HistoryPage.class).messages();
    }

    private static PeerCredential credential(TestClient client, KeyPair key) {
        return client.request(new PeerCredentialRequest(client.nextId(), key.getPublic().getEncoded()),
                PeerCredentialIssued.class).credential();
    }

    private static KeyPair peerKey() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance(PeerCredentials.PEER_KEY_ALGORITHM).generateKeyPair();
    }

}
