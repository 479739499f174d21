package org.lanchat.appliance.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.lanchat.appliance.admin.AdminServer;
import org.lanchat.appliance.testing.AdminTool;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.appliance.testing.TestNatsServer;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.ChatMessage;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.PeerLinkMessage;
import org.lanchat.protocol.message.PeerRequest;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;

/**
 * Three appliances serving one chat, in this JVM on loopback: one MariaDB database and one nats-server, both real,
 * each appliance with its own data directory (certificate) and port. Clients are spread over the members.
 */
// Alone: two or three appliances, MariaDB and nats-server at once load this two-core machine as much as the heavy
// scenarios do, and other classes' timing-sensitive tests do not share it with them.
@Tag("slow")
@Isolated
class ClusterTest {

    @TempDir
    Path dir;
    TestDatabase database;
    TestNatsServer nats;
    List<RunningAppliance> members = new ArrayList<>();

    @BeforeEach
    void startBusAndDatabase() {
        database = TestDatabase.mysql();
        nats = TestNatsServer.start(dir);
    }

    @AfterEach
    void stopEverything() {
        members.forEach(RunningAppliance::close);
        nats.close();
        database.close();
    }

    private RunningAppliance member(String name) {
        return member(name, System::currentTimeMillis);
    }

    private RunningAppliance member(String name, java.util.function.LongSupplier clock) {
        return member(name, clock, java.util.function.UnaryOperator.identity());
    }

    private RunningAppliance member(String name, java.util.function.LongSupplier clock,
                                    java.util.function.UnaryOperator<org.lanchat.appliance.config.ApplianceConfig.Builder> tweak) {
        try {
            Files.createDirectories(dir.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        RunningAppliance member = RunningAppliance.start(dir.resolve(name), database,
                config -> tweak.apply(config.name("LAN Chat " + name).clusterServers(List.of(nats.url()))), clock);
        members.add(member);
        return member;
    }

    /**
     * Six users, two on each member, each send 30 group messages and 5 private ones to the next user (who is on
     * another member), all at once: every client gets every message meant for it exactly once, each conversation
     * in rising sequence order, with the same ids and sequence numbers everywhere.
     */
    @Test
    void everyClientGetsEveryMessageOnceAndInOrderWhicheverMemberItIsOn() throws Exception {
        List<RunningAppliance> three = List.of(member("a"), member("b"), member("c"));
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(three.get(i % 3).newUser("user" + i));
        }
        for (TestClient client : clients) {
            client.await(ProfileMessage.Presence.class, presence -> presence.count() == 6);
        }
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sending = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                TestClient client = clients.get(i);
                Conversation next = Conversation.with("user" + ((i + 1) % 6));
                sending.add(senders.submit(() -> {
                    for (int n = 0; n < 30; n++) {
                        client.send(Conversation.GROUP, client.username() + " says " + n);
                        if (n % 6 == 0) {
                            client.send(next, client.username() + " whispers " + n);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : sending) {
                f.get();
            }
        }
        Map<Long, ChatMessage> everyGroupMessage = new java.util.HashMap<>();
        for (int i = 0; i < 6; i++) {
            TestClient client = clients.get(i);
            String me = client.username();
            List<ChatMessage> group = client.awaitChat(150, m -> m.conversation().equals(Conversation.GROUP));
            assertThat(group).as("group messages %s received (its own come back as acks)", me).hasSize(150)
                    .allSatisfy(m -> assertThat(m.from()).isNotEqualTo(me));
            assertThat(group).extracting(ChatMessage::messageId).as(me).doesNotHaveDuplicates();
            assertThat(group).extracting(ChatMessage::seq).as("%s sees the group in sequence order", me)
                    .isSortedAccordingTo(Comparator.naturalOrder());
            group.forEach(m -> everyGroupMessage.merge(m.messageId(), m, (first, again) -> {
                assertThat(again.seq()).as("message %d has one seq everywhere", first.messageId()).isEqualTo(first.seq());
                return first;
            }));
            String previous = "user" + ((i + 5) % 6);
            List<ChatMessage> whispers = client.awaitChat(5, m -> m.from().equals(previous) && m.text().contains("whispers"));
            assertThat(whispers).as("private messages from %s to %s", previous, me).hasSize(5)
                    .extracting(ChatMessage::seq).isSortedAccordingTo(Comparator.naturalOrder());
        }
        assertThat(everyGroupMessage.values()).extracting(ChatMessage::seq).as("one gap-free group sequence")
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 180).boxed().toList());
    }

    /** A reply and the changes to a message cross the bus with what they point at (PROTOCOL.md §7.19). */
    @Test
    void repliesEditsDeletesAndReactionsReachClientsOnOtherMembers() {
        RunningAppliance a = member("a");
        RunningAppliance b = member("b");
        TestClient alice = a.newUser("alice");
        TestClient bob = b.newUser("bob");
        bob.await(ProfileMessage.Presence.class, presence -> presence.count() == 2);
        ConversationMessage.Ack original = alice.send(Conversation.with("bob"), "see you at 10");
        ConversationMessage.Ack reply = bob.reply(Conversation.with("alice"), original.seq(), "ok");
        ConversationMessage.Ack edit = alice.edit(Conversation.with("bob"), original.seq(), "see you at 11");
        ConversationMessage.Ack reaction = bob.react(Conversation.with("alice"), original.seq(), "\uD83D\uDC4D", false);
        ConversationMessage.Ack delete = alice.delete(Conversation.with("bob"), original.seq());

        assertThat(alice.await(ChatMessage.class, m -> m.messageId() == reply.messageId()).replyTo()).isEqualTo(original.seq());
        ChatMessage edited = bob.await(ChatMessage.class, m -> m.messageId() == edit.messageId());
        assertThat(edited.edits()).isEqualTo(original.seq());
        assertThat(edited.text()).isEqualTo("see you at 11");
        ChatMessage reacted = alice.await(ChatMessage.class, m -> m.messageId() == reaction.messageId());
        assertThat(reacted.reactsTo()).isEqualTo(original.seq());
        assertThat(reacted.reaction()).isEqualTo("\uD83D\uDC4D");
        assertThat(bob.await(ChatMessage.class, m -> m.messageId() == delete.messageId()).deletes()).isEqualTo(original.seq());
    }

    /**
     * With one attachments directory shared by the members (PROTOCOL.md §7.24), a file sent through one member reaches
     * a client of another with its message, and is downloaded through that member byte for byte.
     */
    @Test
    void aFileSentThroughOneMemberIsDownloadedThroughAnotherFromTheSharedDirectory() {
        Path shared = dir.resolve("shared-attachments");
        RunningAppliance a = member("a", System::currentTimeMillis, config -> config.attachmentsDir(shared));
        RunningAppliance b = member("b", System::currentTimeMillis, config -> config.attachmentsDir(shared));
        TestClient alice = a.newUser("alice");
        TestClient bob = b.newUser("bob");
        byte[] bytes = new byte[700_000];
        new java.util.Random(17).nextBytes(bytes);
        String fileId = alice.uploadFile(bytes, "application/pdf");
        ConversationMessage.Ack sent = alice.request(Posting.Send.file(alice.nextId(), "f1", Conversation.with("bob"),
                "plan.pdf", fileId), ConversationMessage.Ack.class);

        ChatMessage arrived = bob.await(ChatMessage.class, m -> m.messageId() == sent.messageId());
        assertThat(arrived.attachment().fileId()).as("relayed over the bus with its file").isEqualTo(fileId);
        assertThat(bob.downloadFile(Conversation.with("alice"), sent.seq())).isEqualTo(bytes);
    }

    /**
     * A message committed through one member is found through another as soon as its ack is back, with the same
     * answer on every member (PROTOCOL.md §7.22): they search the one shared database.
     */
    @Test
    void aMessageCommittedOnOneMemberIsFoundOnAnother() {
        RunningAppliance a = member("a");
        RunningAppliance b = member("b");
        TestClient alice = a.newUser("alice");
        TestClient bobOnB = b.newUser("bob");
        TestClient bobOnA = a.login("bob");
        ConversationMessage.Ack sent = alice.send(Conversation.with("bob"), "明天的会议改到三点");

        List<List<ConversationMessage.SearchHit>> answers = new ArrayList<>();
        for (TestClient bob : List.of(bobOnB, bobOnA)) {
            answers.add(bob.request(new ConversationRequest.Search(bob.nextId(), "会议", null, null, null),
                    ConversationMessage.SearchResults.class).hits());
        }

        assertThat(answers.getFirst()).extracting(ConversationMessage.SearchHit::messageId, ConversationMessage.SearchHit::conversation)
                .containsExactly(org.assertj.core.api.Assertions.tuple(sent.messageId(), Conversation.with("alice")));
        assertThat(answers.get(1)).as("the same answer on the member alice used").isEqualTo(answers.getFirst());
    }

    /**
     * The roster and count are the same on every member, and a saved session works on any of them; when a member
     * stops (heartbeats end), its users leave the others' rosters within the expiry, except one who is also
     * connected to a member that is still running.
     */
    @Test
    void presenceIsClusterWideAndAMemberThatStopsTakesOnlyItsOwnUsersAlong() {
        RunningAppliance a = member("a");
        RunningAppliance b = member("b");
        TestClient alice = a.newUser("alice");
        TestClient bob = b.newUser("bob");
        b.newUser("carol");
        a.login("carol"); // carol is on both
        for (TestClient client : List.of(alice, bob)) {
            ProfileMessage.Roster roster = await().atMost(Duration.ofSeconds(10)).until(
                    () -> client.request(new ProfileRequest.RosterRequest(client.nextId()),
                            ProfileMessage.Roster.class), r -> r.count() == 3);
            assertThat(roster.users()).containsExactlyInAnyOrder("alice", "bob", "carol");
        }

        TestClient aliceResumedOnB = b.connect();
        assertThat(aliceResumedOnB.resume(alice.token()).username())
                .as("a resume token from one member is accepted by another").isEqualTo("alice");

        b.stop();

        ProfileMessage.Presence left = alice.await(ProfileMessage.Presence.class, p -> p.left().contains("bob"));
        assertThat(left.left()).as("carol is still connected to a").doesNotContain("carol");
        assertThat(left.count()).isEqualTo(2);
    }

    /**
     * Read marks and typing reach users on other members over the bus; a mark made on one member is what
     * {@code read_marks} on another says within about a second (each member writes its marks once a second).
     */
    @Test
    void readMarksAndTypingCrossMembers() {
        RunningAppliance a = member("a");
        RunningAppliance b = member("b");
        TestClient alice = a.newUser("alice");
        TestClient bob = b.newUser("bob");
        TestClient carol = b.newUser("carol");
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.request(new ProfileRequest.RosterRequest(alice.nextId()),
                ProfileMessage.Roster.class).count() == 3);
        ConversationMessage.Ack sent = alice.send(Conversation.with("bob"), "read me");
        bob.await(ConversationMessage.ChatMessage.class, m -> m.messageId() == sent.messageId());

        bob.request(new ConversationRequest.MarkRead(bob.nextId(), Conversation.with("alice"), sent.seq()), SessionMessage.Ok.class);
        assertThat(alice.await(ConversationMessage.Read.class, r -> true))
                .isEqualTo(new ConversationMessage.Read(Conversation.with("bob"), "bob", sent.seq()));
        alice.request(new ConversationRequest.Typing(alice.nextId(), Conversation.GROUP), SessionMessage.Ok.class);
        for (TestClient other : List.of(bob, carol)) {
            assertThat(other.await(ConversationMessage.Typing.class, t -> true).user()).isEqualTo("alice");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.request(new ConversationRequest.ReadMarksRequest(alice.nextId(),
                Conversation.with("bob")), ConversationMessage.ReadMarks.class).marks(), marks -> marks.contains(
                new ConversationMessage.ReadMark("bob", sent.seq())));
    }

    /**
     * A named room's members are spread over the members of the cluster (PROTOCOL.md §7.23): an invitation, the room's
     * messages and typing reach a member on another appliance and nobody else there, and once the creator removes
     * them on one appliance, the other stops delivering to them at once (it forgets the room's member set).
     */
    @Test
    void roomMessagesAndMembershipChangesReachMembersOnOtherMembersOnly() {
        RunningAppliance a = member("a");
        RunningAppliance b = member("b");
        TestClient alice = a.newUser("alice");
        TestClient bob = b.newUser("bob");
        TestClient carol = b.newUser("carol");
        Conversation room = alice.request(new RoomRequest.CreateRoom(alice.nextId(), "Cluster room", null, "private"),
                RoomMessage.Room.class).room().conversation();
        alice.request(new RoomRequest.Invite(alice.nextId(), room, "bob"), SessionMessage.Ok.class);
        assertThat(bob.await(RoomMessage.RoomEvent.class, e -> e.change().equals(RoomMessage.RoomEvent.INVITED)).user())
                .isEqualTo("bob");

        ConversationMessage.Ack first = alice.send(room, "for the room");
        assertThat(bob.await(ChatMessage.class, m -> m.messageId() == first.messageId()).conversation()).isEqualTo(room);
        alice.request(new ConversationRequest.Typing(alice.nextId(), room), SessionMessage.Ok.class);
        assertThat(bob.await(ConversationMessage.Typing.class, t -> t.conversation().equals(room)).user()).isEqualTo("alice");

        alice.request(new RoomRequest.RemoveMember(alice.nextId(), room, "bob"), SessionMessage.Ok.class);
        bob.await(RoomMessage.RoomEvent.class, e -> e.change().equals(RoomMessage.RoomEvent.REMOVED));
        ConversationMessage.Ack after = alice.send(room, "bob is gone");
        ConversationMessage.Ack marker = alice.send(Conversation.GROUP, "a marker after the room's message");
        bob.await(ChatMessage.class, m -> m.messageId() == marker.messageId());
        carol.await(ChatMessage.class, m -> m.messageId() == marker.messageId());
        assertThat(bob.chat(m -> m.messageId() == after.messageId())).as("removed before it was sent").isEmpty();
        assertThat(carol.chat(m -> m.conversation().isRoom())).as("never a member").isEmpty();
        assertThat(carol.received()).noneMatch(m -> m instanceof RoomMessage.RoomEvent
                || m instanceof ConversationMessage.Typing t && t.conversation().isRoom());
    }

    /**
     * {@code peers} lists the users who gave a peer port wherever they are connected, so a client of one member
     * can chat directly with a user on another when no member answers; a member that stops takes its users'
     * entries along.
     */
    @Test
    void aDisplayNameSetOnOneMemberIsAnnouncedAndShownOnTheOthers() {
        RunningAppliance a = member("a");
        RunningAppliance b = member("b");
        TestClient alice = a.newUser("alice");
        TestClient bob = b.newUser("bob");
        alice.request(new ProfileRequest.SetProfile(alice.nextId(), "Алиса"), ProfileMessage.Profile.class);

        ProfileMessage.Profile event = bob.await(ProfileMessage.Profile.class, p -> p.username().equals("alice"));
        assertThat(event.displayName()).isEqualTo("Алиса");
        assertThat(bob.request(new ProfileRequest.ProfilesRequest(bob.nextId(), List.of("alice")), ProfileMessage.Profiles.class)
                .profiles()).containsExactly(new ProfileMessage.UserProfile("alice", "Алиса"));
        await("b's roster shows alice's new name").atMost(Duration.ofSeconds(10)).until(
                () -> bob.request(new ProfileRequest.RosterRequest(bob.nextId()), ProfileMessage.Roster.class).displayNames(),
                names -> "Алиса".equals(names.get("alice")));
    }

    /** A presence state (§7.20) chosen on one member reaches the other's clients in presence and roster alike. */
    @Test
    void aPresenceStateSetOnOneMemberIsShownOnTheOthers() {
        RunningAppliance a = member("a");
        RunningAppliance b = member("b");
        TestClient alice = a.newUser("alice");
        TestClient bob = b.newUser("bob");
        alice.request(new ProfileRequest.SetPresence(alice.nextId(), "busy", "Release day"), SessionMessage.Ok.class);

        ProfileMessage.Presence event = bob.await(ProfileMessage.Presence.class, p -> p.states().containsKey("alice"));
        assertThat(event.states().get("alice")).isEqualTo(new ProfileMessage.UserState("busy", "Release day"));
        await("b's roster shows alice busy").atMost(Duration.ofSeconds(10)).until(
                () -> bob.request(new ProfileRequest.RosterRequest(bob.nextId()), ProfileMessage.Roster.class).states(),
                states -> new ProfileMessage.UserState("busy", "Release day").equals(states.get("alice")));
    }

    @Test
    void peersOnEveryMemberAreListedAndLeaveWithTheirMember() throws Exception {
        RunningAppliance a = member("a");
        RunningAppliance b = member("b");
        TestClient alice = a.newUser("alice");
        TestClient bob = b.newUser("bob");
        java.security.KeyPairGenerator ed25519 = java.security.KeyPairGenerator.getInstance("Ed25519");
        alice.request(new PeerRequest.PeerCredentialRequest(alice.nextId(), ed25519.generateKeyPair().getPublic().getEncoded(),
                40_001), PeerLinkMessage.PeerCredentialIssued.class);
        bob.request(new PeerRequest.PeerCredentialRequest(bob.nextId(), ed25519.generateKeyPair().getPublic().getEncoded(),
                40_002), PeerLinkMessage.PeerCredentialIssued.class);

        await("bob on b lists alice on a").atMost(Duration.ofSeconds(10))
                .until(() -> peers(bob), p -> p.equals(List.of(new PeerLinkMessage.PeerAddress("alice", "127.0.0.1", 40_001))));
        await("alice on a lists bob on b").atMost(Duration.ofSeconds(10))
                .until(() -> peers(alice), p -> p.equals(List.of(new PeerLinkMessage.PeerAddress("bob", "127.0.0.1", 40_002))));

        b.stop();
        await("bob's entry leaves with his member").atMost(Duration.ofSeconds(15)).until(() -> peers(alice).isEmpty());
    }

    private static List<PeerLinkMessage.PeerAddress> peers(TestClient client) {
        return client.request(new PeerRequest.PeersRequest(client.nextId()), PeerLinkMessage.PeerList.class).peers();
    }

    /**
     * While the bus is down, members still deliver each other's messages (from the database, within a second or
     * so); when it is back, live delivery resumes; nothing is lost or delivered twice across the outage.
     */
    @Test
    void messagesKeepFlowingThroughABusRestartWithNothingLostOrRepeated() {
        RunningAppliance a = member("a");
        RunningAppliance b = member("b");
        TestClient alice = a.newUser("alice");
        TestClient bob = b.newUser("bob");
        alice.send(Conversation.GROUP, "before");
        bob.awaitChat(1, text("before"));

        nats.stop();
        alice.send(Conversation.GROUP, "during");
        alice.send(Conversation.with("bob"), "private during");
        bob.awaitChat(1, text("during"));
        bob.awaitChat(1, text("private during"));

        nats.restart();
        await().atMost(Duration.ofSeconds(20)).until(() -> a.appliance().clusterStatus().orElseThrow().bus().equals("connected")
                && b.appliance().clusterStatus().orElseThrow().bus().equals("connected"));
        for (int n = 0; n < 20; n++) {
            alice.send(Conversation.GROUP, "after " + n);
        }
        List<ChatMessage> all = bob.awaitChat(22, m -> m.conversation().equals(Conversation.GROUP));
        assertThat(all).extracting(ChatMessage::text).containsExactlyElementsOf(java.util.stream.Stream.concat(
                java.util.stream.Stream.of("before", "during"),
                java.util.stream.IntStream.range(0, 20).mapToObj(n -> "after " + n)).toList());
        assertThat(b.appliance().clusterStatus().orElseThrow().filledFromDatabase())
                .as("the messages committed during the outage came from the database").isGreaterThanOrEqualTo(2);
    }

    /**
     * {@code lanchat-admin disable} on one member ends the user's connections on every member, and every member
     * then refuses private messages to the account; {@code lanchat-admin cluster status} lists both members, and
     * {@code fingerprint} sends the administrator there for the code to compare.
     */
    @Test
    void anAdministratorOnOneMemberActsOnEveryMember() throws Exception {
        RunningAppliance a = member("a");
        RunningAppliance b = member("b");
        a.newUser("alice");
        TestClient aliceOnB = b.login("alice");
        TestClient bob = b.newUser("bob");
        try (AdminServer socket = AdminTool.socket(dir.resolve("a").resolve("admin.sock"), a.appliance())) {
            await("b's heartbeat with its two connections").atMost(Duration.ofSeconds(10)).until(() -> a.appliance()
                    .clusterStatus().orElseThrow().members().stream().anyMatch(m -> !m.self() && m.connections() == 2));
            AdminTool.Result status = AdminTool.run(dir.resolve("a"), "cluster", "status");
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("2 members", "Bus:      connected", "LAN Chat a", "LAN Chat b", "(this one)",
                            "Code:     " + a.fingerprint().shortCode())
                    .containsPattern("LAN Chat b +127\\.0\\.0\\.1 port \\d+ +2 +2 ");

            // Its settings name no cluster (it joined by its start-up options): the running member is asked.
            AdminTool.Result fingerprint = AdminTool.run(dir.resolve("a"), "fingerprint");
            assertThat(fingerprint.exit()).as("its own certificate is not the code colleagues compare").isNotZero();
            assertThat(fingerprint.err()).contains("member of a cluster", "cluster status");
            assertThat(fingerprint.out()).doesNotContain("Short code");

            AdminTool.Result disable = AdminTool.run(dir.resolve("a"), "disable", "alice");
            assertThat(disable.exit()).as(disable.err()).isZero();
        }

        SessionMessage.Bye bye = aliceOnB.await(SessionMessage.Bye.class, m -> true);
        assertThat(bye.reason()).isEqualTo(ErrorCode.ACCOUNT_DISABLED);
        aliceOnB.awaitClosed();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestClient.codeOf(
                bob.roundTrip(new Posting.Send(bob.nextId(), bob.nextId(), Conversation.with("alice"), "hello?", null))))
                .as("a private message to the disabled account, on the other member").isEqualTo(ErrorCode.UNKNOWN_RECIPIENT));
    }

    /**
     * Password guesses count on every member together: after six wrong passwords for alice on one member, the
     * other refuses even the right one until the block runs out (the members' clocks stand still meanwhile).
     */
    @Test
    void passwordGuessesSpreadOverMembersAreCountedTogether() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());
        RunningAppliance a = member("a", now::get);
        RunningAppliance b = member("b", now::get);
        a.newUser("alice");
        TestClient guesser = a.connect();
        for (int i = 0; i < 6; i++) {
            assertThat(guesser.requestError(new SessionRequest.Login("g" + i, "alice", "guess " + i, null)).code())
                    .isEqualTo(ErrorCode.AUTH_FAILED);
        }

        TestClient elsewhere = b.connect();
        SessionMessage.Error refused = await().atMost(Duration.ofSeconds(10)).until(
                () -> elsewhere.requestError(new SessionRequest.Login(elsewhere.nextId(), "alice", "guess 7", null)),
                error -> error.code() == ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfterMs()).isPositive();
        assertThat(elsewhere.requestError(new SessionRequest.Login(elsewhere.nextId(), "alice", RunningAppliance.PASSWORD, null))
                .code()).as("even the right password waits, on the other member").isEqualTo(ErrorCode.RATE_LIMITED);

        now.addAndGet(java.time.Duration.ofMinutes(1).toMillis());
        assertThat(elsewhere.login("alice", RunningAppliance.PASSWORD).username()).isEqualTo("alice");
    }

    /**
     * Every member presents the cluster's certificate, which a client pins once. An appliance of another cluster
     * (another database) on the same NATS server is neither heard by the members nor trusted by their clients.
     */
    @Test
    void membersShareOneIdentityAndAnotherClusterIsNeitherHeardNorTrusted() throws Exception {
        RunningAppliance a = member("a");
        RunningAppliance b = member("b");
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint())
                .isNotEqualTo(ownFingerprint(dir.resolve("a"))).isNotEqualTo(ownFingerprint(dir.resolve("b")));

        try (TestDatabase otherDatabase = TestDatabase.mysql();
             RunningAppliance stranger = RunningAppliance.start(Files.createDirectories(dir.resolve("x")), otherDatabase,
                     config -> config.name("LAN Chat elsewhere").clusterServers(List.of(nats.url())))) {
            assertThat(stranger.fingerprint()).isNotEqualTo(a.fingerprint());
            assertThatThrownBy(() -> TestClient.connect(stranger.port(), a.fingerprint()))
                    .as("a client that trusts the cluster refuses the other one's appliance").isInstanceOf(IllegalStateException.class);
            await("both members hear each other").atMost(Duration.ofSeconds(10))
                    .until(() -> a.appliance().clusterStatus().orElseThrow().members().size() == 2);
            TestClient alice = a.newUser("alice");
            alice.send(Conversation.GROUP, "only for this cluster");
            TestClient carol = stranger.newUser("carol");
            carol.await(ProfileMessage.Presence.class, presence -> presence.joined().contains("carol"));
            ProfileMessage.Roster roster = carol.request(new ProfileRequest.RosterRequest(carol.nextId()), ProfileMessage.Roster.class);
            assertThat(roster.users()).as("alice, on the other cluster, is not in carol's roster").containsExactly("carol");
            assertThat(a.appliance().clusterStatus().orElseThrow().members()).extracting(ClusterStatus.Member::name)
                    .containsExactlyInAnyOrder("LAN Chat a", "LAN Chat b");
            assertThat(carol.chat(m -> true)).isEmpty();
        }
    }

    private static org.lanchat.protocol.trust.CertificateFingerprint ownFingerprint(Path dataDir) throws Exception {
        try (var in = Files.newInputStream(org.lanchat.appliance.tls.CertificateStore.certificateFile(dataDir))) {
            return org.lanchat.protocol.trust.CertificateFingerprint.ofDer(java.security.cert.CertificateFactory
                    .getInstance("X.509").generateCertificate(in).getEncoded());
        }
    }

    /**
     * Anyone who can publish on the NATS server (here: with no password at all) cannot make members deliver a
     * message or end a connection. Inputs tried: a well-formed committed message and a disconnect, unsealed, and
     * the same with a made-up seal.
     */
    @Test
    void eventsOnTheBusThatNoMemberSealedAreDropped() throws Exception {
        RunningAppliance a = member("a");
        TestClient alice = a.newUser("alice");
        long aliceId = a.appliance().userId("alice").orElseThrow();
        String prefix = "lanchat." + a.appliance().clusterStatus().orElseThrow().clusterId() + ".";
        long next = 1 + alice.send(Conversation.GROUP, "genuine").messageId();
        String forgedMessage = "{\"type\":\"committed\",\"member\":\"someone\",\"id\":" + next
                + ",\"conversation\":\"group\",\"seq\":2,\"senderId\":" + aliceId
                + ",\"clientMsgId\":\"forged\",\"text\":\"forged by an outsider\",\"sentAt\":1}";
        String forgedBye = "{\"type\":\"disconnect\",\"member\":\"someone\",\"userId\":" + aliceId
                + ",\"reason\":\"account_disabled\",\"message\":\"forged\"}";
        try (io.nats.client.Connection outsider = io.nats.client.Nats.connect(nats.url())) {
            for (String event : List.of(forgedMessage, forgedBye)) {
                byte[] json = event.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] fakeSeal = new byte[EventSeal.MAC_BYTES + json.length];
                System.arraycopy(json, 0, fakeSeal, EventSeal.MAC_BYTES, json.length);
                for (byte[] payload : List.of(json, fakeSeal)) {
                    outsider.publish(prefix + "committed", payload);
                    outsider.publish(prefix + "control", payload);
                }
            }
            outsider.flush(Duration.ofSeconds(5));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> a.appliance().clusterStatus().orElseThrow().refusedEvents() >= 8);

        TestClient bob = a.newUser("bob");
        bob.send(Conversation.GROUP, "after the forgeries");
        alice.awaitChat(1, text("after the forgeries"));
        assertThat(alice.chat(m -> true)).extracting(ChatMessage::text).as("nothing forged was delivered")
                .containsExactly("after the forgeries");
        assertThat(alice.isClosedByPeer()).as("alice was not disconnected").isFalse();
    }

    /** A member serving alone says so instead of showing an empty cluster. */
    @Test
    void clusterStatusOnAnApplianceThatServesAloneSaysSo() throws Exception {
        try (RunningAppliance alone = RunningAppliance.start(Files.createDirectories(dir.resolve("alone")), database);
             AdminServer socket = AdminTool.socket(dir.resolve("alone").resolve("admin.sock"), alone.appliance())) {
            AdminTool.Result status = AdminTool.run(dir.resolve("alone"), "cluster", "status");
            assertThat(status.exit()).isEqualTo(1);
            assertThat(status.err()).contains("serves alone", "--cluster");
        }
    }

    /** A member whose bus does not answer, or refuses its credentials, does not start, and says why. */
    @Test
    void aMemberThatCannotJoinTheBusRefusesToStartAndSaysWhy() throws Exception {
        nats.close();
        assertThatThrownBy(() -> RunningAppliance.start(Files.createDirectories(dir.resolve("nobody")), database,
                config -> config.clusterServers(List.of(nats.url()))))
                .cause().hasMessageContaining("no NATS server at " + nats.url());

        TestNatsServer guarded = TestNatsServer.start(Files.createDirectories(dir.resolve("guarded")), "lanchat", "right");
        try (guarded) {
            Path wrong = Files.writeString(dir.resolve("wrong.creds"), "user=lanchat\npassword=wrong\n");
            assertThatThrownBy(() -> RunningAppliance.start(Files.createDirectories(dir.resolve("w")), database,
                    config -> config.clusterServers(List.of(guarded.url())).clusterCredentials(wrong)))
                    .cause().hasMessageContaining(guarded.url()).hasMessageContaining("Authorization");

            Path right = Files.writeString(dir.resolve("right.creds"), "user=lanchat\npassword=right\n");
            RunningAppliance member = RunningAppliance.start(Files.createDirectories(dir.resolve("r")), database,
                    config -> config.clusterServers(List.of(guarded.url())).clusterCredentials(right));
            members.add(member);
            assertThat(member.appliance().clusterStatus().orElseThrow().bus()).isEqualTo("connected");
        }
    }

    private static Predicate<ChatMessage> text(String text) {
        return m -> text.equals(m.text());
    }
}
