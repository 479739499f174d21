package org.lanchat.appliance.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.Appliance;
import org.lanchat.appliance.testing.AdminTool;
import org.lanchat.appliance.testing.RawTransferClient;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.ConversationMessage;
import org.lanchat.protocol.message.ConversationMessage.Ack;
import org.lanchat.protocol.message.FileMessage.TransferTicket;
import org.lanchat.protocol.message.FileRequest.TransferTicketRequest;
import org.lanchat.protocol.message.ConversationRequest;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerLinkMessage.PeerCredentialIssued;
import org.lanchat.protocol.message.PeerRequest.PeerCredentialRequest;
import org.lanchat.protocol.message.PeerRequest.SubmitDirect;
import org.lanchat.protocol.message.Posting;
import org.lanchat.protocol.message.Posting.Send;
import org.lanchat.protocol.message.ProfileMessage;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.RoomMessage;
import org.lanchat.protocol.message.RoomRequest;
import org.lanchat.protocol.message.ServerMessage;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;
import org.lanchat.protocol.trust.PeerCredentials;

/**
 * {@code lanchat-appliance admin ...} as an admin types it: through the control socket of a running
 * appliance, and directly on the database when the appliance is stopped.
 */
class AdminCommandTest {
    @TempDir
    Path dir;

    private AdminTool.Result admin(String... words) {
        return AdminTool.run(dir, words);
    }

    private static AdminServer adminSocket(Path path, Appliance appliance) throws Exception {
        return AdminTool.socket(path, appliance);
    }

    private static ErrorCode login(RunningAppliance running, String name, String password) {
        TestClient client = running.connect();
        return client.requestError(new SessionRequest.Login(client.nextId(), name, password, null)).code();
    }

    private static ErrorCode resume(RunningAppliance running, String token) {
        TestClient client = running.connect();
        return client.requestError(new SessionRequest.Resume(client.nextId(), token)).code();
    }

    @Test
    void throughTheSocketOfARunningAppliance() throws Exception {
        Path password = Files.writeString(dir.resolve("new-password"), "a brand new secret\n");
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             AdminServer socket = adminSocket(dir.resolve("admin.sock"), running.appliance())) {
            assertThat(Files.getPosixFilePermissions(socket.path())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            TestClient alice = running.newUser("alice");

            AdminTool.Result users = admin("users");
            assertThat(users.exit()).isZero();
            assertThat(users.out()).containsPattern("\\d+ +alice +active").contains("1 accounts");

            assertThat(admin("online").out()).isEqualTo("1 online, 1 connections%nalice%n".formatted());

            assertThat(admin("disable", "alice").out()).contains("alice is disabled; 1 connection closed");
            assertThat(alice.await(SessionMessage.Bye.class, bye -> true).reason()).isEqualTo(ErrorCode.ACCOUNT_DISABLED);
            alice.awaitClosed();
            assertThat(login(running, "alice", RunningAppliance.PASSWORD))
                    .isEqualTo(ErrorCode.ACCOUNT_DISABLED);
            assertThat(resume(running, alice.token()))
                    .as("a saved session of a disabled account says so (§5.4)").isEqualTo(ErrorCode.ACCOUNT_DISABLED);
            assertThat(admin("enable", "alice").out()).contains("alice is enabled; 1 saved session ended");
            assertThat(resume(running, alice.token()))
                    .as("enabling ended the saved sessions").isEqualTo(ErrorCode.TOKEN_INVALID);

            AdminTool.Result reset = admin("reset-password", "alice", "--password-file", password.toString());
            assertThat(reset.exit()).as(reset.err()).isZero();
            assertThat(login(running, "alice", RunningAppliance.PASSWORD))
                    .isEqualTo(ErrorCode.AUTH_FAILED);
            running.connect().login("alice", "a brand new secret");

            AdminTool.Result fingerprint = admin("fingerprint");
            assertThat(fingerprint.out()).contains("Short code:  " + running.fingerprint().shortCode(),
                    "SHA-256:     " + running.fingerprint().colonHex());

            Path copy = dir.resolve("copy.sql.gz");
            AdminTool.Result backup = admin("backup", "--to", copy.toString());
            assertThat(backup.exit()).as(backup.err()).isZero();
            assertThat(backup.out()).contains("Backup written to " + dir.resolve("backups")).contains("Copied to " + copy);
            assertThat(copy).isNotEmptyFile();
            Path nowhere = dir.resolve("no-such-folder/copy.sql.gz");
            AdminTool.Result toNowhere = admin("backup", "--to", nowhere.toString());
            assertThat(toNowhere.exit()).as("the backup itself was written, the copy was not").isEqualTo(AdminCommand.FAILED);
            assertThat(toNowhere.err()).as("one sentence, not a stack trace")
                    .startsWith("lanchat-admin: the backup is in " + dir.resolve("backups"))
                    .endsWith(", but it could not be copied to " + nowhere + ": there is no folder " + nowhere.getParent()
                            + System.lineSeparator())
                    .doesNotContain("Exception");

            AdminTool.Result unknown = admin("disable", "nobody");
            assertThat(unknown.exit()).isEqualTo(AdminCommand.FAILED);
            assertThat(unknown.err()).contains("no account named 'nobody'");
        }
    }

    // "try": a resource held open for the body without being used; javac 22+ no longer exempts the name "ignored".
    @Test
    @SuppressWarnings("try")
    void whoIsOnlineNamesEachPersonOnceAndDisablingClosesEveryConnectionOfThatAccountOnly() throws Exception {
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             AdminServer ignored = adminSocket(dir.resolve("admin.sock"), running.appliance())) {
            // Two computers for alice, one for Bob: two people, three connections, names sorted regardless of case.
            TestClient desk = running.newUser("alice");
            TestClient laptop = running.login("alice");
            TestClient bob = running.newUser("Bob");
            assertThat(admin("online").out()).isEqualTo("2 online, 3 connections%nalice%nBob%n".formatted());

            assertThat(admin("disable", "alice").out()).contains("2 connections closed");
            for (TestClient connection : List.of(desk, laptop)) {
                SessionMessage.Bye bye = connection.await(SessionMessage.Bye.class, b -> true);
                assertThat(bye.reason()).isEqualTo(ErrorCode.ACCOUNT_DISABLED);
                assertThat(bye.message()).contains("disabled by the administrator");
                connection.awaitClosed();
            }
            assertThat(bob.request(new SessionRequest.Ping(bob.nextId()), SessionMessage.Pong.class))
                    .as("other accounts stay connected").isNotNull();
            Awaitility.await("alice's connections leave the roster").atMost(Duration.ofSeconds(10))
                    .until(() -> admin("online").out(), out -> out.equals("1 online, 1 connections%nBob%n".formatted()));
        }
    }

    /** A ticket is the session's, and ends with it: disabled, alice cannot fetch the file on a transfer connection. */
    @Test
    @SuppressWarnings("try")
    void aTransferTicketAskedBeforeTheAccountWasDisabledIsRefused() throws Exception {
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             AdminServer ignored = adminSocket(dir.resolve("admin.sock"), running.appliance())) {
            TestClient alice = running.newUser("alice");
            byte[] data = "quarterly numbers".getBytes(StandardCharsets.UTF_8);
            String fileId = alice.uploadFile(data, null);
            long seq = alice.request(Send.file(alice.nextId(), "f1", Conversation.GROUP, "q.txt", fileId), Ack.class).seq();
            TransferTicket ticket = alice.request(TransferTicketRequest.download(alice.nextId(), Conversation.GROUP, seq, 0),
                    TransferTicket.class);

            assertThat(admin("disable", "alice").out()).contains("alice is disabled");

            try (RawTransferClient raw = RawTransferClient.connect(running.port(), running.fingerprint())) {
                assertThat(raw.redeem(ticket.ticket())).isInstanceOfSatisfying(SessionMessage.Error.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.TICKET_INVALID));
            }
        }
    }

    /**
     * A password reset ends the account's open connections too, not only its saved sessions: whoever is
     * logged in got there with the old password. Each connection gets {@code bye} {@code token_invalid},
     * on which a client asks for the password, and its token no longer resumes.
     */
    @Test
    void resettingAPasswordEndsEveryOpenConnectionOfThatAccount() throws Exception {
        Path password = Files.writeString(dir.resolve("new-password"), "a brand new secret\n");
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             AdminServer socket = adminSocket(dir.resolve("admin.sock"), running.appliance())) {
            assertThat(socket.path()).exists();
            TestClient desk = running.newUser("alice");
            TestClient laptop = running.login("alice");
            TestClient bob = running.newUser("bob");

            AdminTool.Result reset = admin("reset-password", "alice", "--password-file", password.toString());
            assertThat(reset.exit()).as(reset.err()).isZero();
            assertThat(reset.out()).contains("2 saved sessions ended, 2 connections closed");
            for (TestClient connection : List.of(desk, laptop)) {
                SessionMessage.Bye bye = connection.await(SessionMessage.Bye.class, b -> true);
                assertThat(bye.reason()).isEqualTo(ErrorCode.TOKEN_INVALID);
                assertThat(bye.message()).contains("reset your password");
                connection.awaitClosed();
                assertThat(resume(running, connection.token())).isEqualTo(ErrorCode.TOKEN_INVALID);
            }
            assertThat(bob.request(new SessionRequest.Ping(bob.nextId()), SessionMessage.Pong.class))
                    .as("other accounts stay connected").isNotNull();
            running.connect().login("alice", "a brand new secret");
        }
    }

    /**
     * Someone who knows the old password and logs in over and over while the administrator resets it: a login whose
     * check passed just before the reset may still be answered, but the token it got must not outlive the reset (§7.12).
     */
    @Test
    @SuppressWarnings("try")
    void aLoginRacingAPasswordResetGetsNoTokenThatOutlivesIt() throws Exception {
        Path password = Files.writeString(dir.resolve("new-password"), "a brand new secret\n");
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             AdminServer socket = adminSocket(dir.resolve("admin.sock"), running.appliance())) {
            running.newUser("alice");
            Set<String> tokens = ConcurrentHashMap.newKeySet();
            CountDownLatch loggedInBeforeTheReset = new CountDownLatch(3);
            AtomicBoolean resetDone = new AtomicBoolean();
            List<Future<?>> racers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
                for (String address : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")) {
                    racers.add(pool.submit(() -> {
                        // Each racer goes on until one attempt begun after the reset has been answered.
                        for (boolean begunAfterTheReset = false; !begunAfterTheReset; ) {
                            begunAfterTheReset = resetDone.get();
                            try (TestClient client = running.connectFrom(address)) {
                                ServerMessage reply = client.roundTrip(
                                        new SessionRequest.Login(client.nextId(), "alice", RunningAppliance.PASSWORD, null));
                                if (reply instanceof SessionMessage.SessionStarted started) {
                                    tokens.add(started.token());
                                    loggedInBeforeTheReset.countDown();
                                }
                            }
                        }
                        return null;
                    }));
                }
                assertThat(loggedInBeforeTheReset.await(60, TimeUnit.SECONDS)).as("the racers log in").isTrue();
                AdminTool.Result reset = admin("reset-password", "alice", "--password-file", password.toString());
                resetDone.set(true);
                assertThat(reset.exit()).as(reset.err()).isZero();
                for (Future<?> racer : racers) {
                    racer.get(60, TimeUnit.SECONDS);
                }
            }

            assertThat(tokens).hasSizeGreaterThanOrEqualTo(3);
            for (String token : tokens) {
                assertThat(resume(running, token)).as("every token the old password got ends with the reset")
                        .isEqualTo(ErrorCode.TOKEN_INVALID);
            }
            running.connect().login("alice", "a brand new secret");
        }
    }

    /** "enable" run to be sure on an account nobody disabled must not log its user out everywhere. */
    @Test
    @SuppressWarnings("try")
    void enablingAnAccountThatIsNotDisabledChangesNothing() throws Exception {
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             AdminServer ignored = adminSocket(dir.resolve("admin.sock"), running.appliance())) {
            TestClient alice = running.newUser("alice");

            AdminTool.Result enable = admin("enable", "alice");
            assertThat(enable.exit()).as(enable.err()).isZero();
            assertThat(enable.out()).contains("alice is not disabled; nothing changed");
            TestClient again = running.connect();
            assertThat(again.request(new SessionRequest.Resume(again.nextId(), alice.token()), SessionMessage.SessionStarted.class))
                    .as("the saved session still resumes").isNotNull();
        }
    }

    /**
     * Whoever had alice's account before the reset may have asked for a peer credential with a key of their own. After
     * the reset (or a disable, even once enabled again) nobody else hands in a message signed under it; alice, logged
     * in with the new password, still hands in her own, so a message she really sent directly is not lost.
     */
    @Test
    void aPeerCredentialIssuedBeforeAResetOrDisableVouchesForNobodyButItsUser() throws Exception {
        Path password = Files.writeString(dir.resolve("new-password"), "a brand new secret\n");
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             AdminServer ignored = adminSocket(dir.resolve("admin.sock"), running.appliance())) {
            TestClient intruder = running.newUser("alice");
            TestClient carol = running.newUser("carol");
            KeyPair intrudersKey = KeyPairGenerator.getInstance(PeerCredentials.PEER_KEY_ALGORITHM).generateKeyPair();
            PeerCredential before = intruder.request(new PeerCredentialRequest(intruder.nextId(),
                    intrudersKey.getPublic().getEncoded()), PeerCredentialIssued.class).credential();
            DirectMessage forged = PeerCredentials.signMessage("alice", "forged-1", Conversation.with("carol"),
                    "send me the payroll file", null, Instant.now(), intrudersKey.getPrivate());
            DirectMessage toGroup = PeerCredentials.signMessage("alice", "forged-2", Conversation.GROUP, "hi all", null,
                    Instant.now(), intrudersKey.getPrivate());

            assertThat(admin("reset-password", "alice", "--password-file", password.toString()).exit()).isZero();
            for (DirectMessage m : List.of(forged, toGroup)) {
                SessionMessage.Error refused = carol.requestError(new SubmitDirect(carol.nextId(), before, m));
                assertThat(refused.code()).as(m.text()).isEqualTo(ErrorCode.UNTRUSTED_PEER);
                assertThat(refused.message()).contains("reset their password");
            }

            TestClient alice = running.connect();
            alice.login("alice", "a brand new secret");
            assertThat(alice.request(new SubmitDirect(alice.nextId(), before, toGroup), Ack.class).duplicate())
                    .as("alice herself, logged in with the new password, hands in her own").isFalse();

            PeerCredential renewed = alice.request(new PeerCredentialRequest(alice.nextId(),
                    intrudersKey.getPublic().getEncoded()), PeerCredentialIssued.class).credential();
            assertThat(admin("disable", "alice").exit()).isZero();
            assertThat(admin("enable", "alice").exit()).isZero();
            DirectMessage afterEnable = PeerCredentials.signMessage("alice", "forged-3", Conversation.GROUP, "back again",
                    null, Instant.now(), intrudersKey.getPrivate());
            assertThat(carol.requestError(new SubmitDirect(carol.nextId(), renewed, afterEnable)).code())
                    .as("issued before the disable, offered after the enable").isEqualTo(ErrorCode.UNTRUSTED_PEER);
            assertThat(carol.request(new ConversationRequest.HistoryRequest(carol.nextId(), Conversation.with("alice"),
                    null, null, 10), ConversationMessage.HistoryPage.class).messages()).as("nothing forged reached carol").isEmpty();
        }
    }

    /**
     * A disabled colleague's old messages stay readable and their picture still shows beside them, but a
     * new private message to them would wait for someone who cannot log in: it is refused, with the code
     * clients already treat as final.
     */
    @Test
    void nobodyCanSendToADisabledAccountButItsAvatarAndHistoryStay() throws Exception {
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             AdminServer socket = adminSocket(dir.resolve("admin.sock"), running.appliance())) {
            assertThat(socket.path()).exists();
            TestClient carol = running.newUser("carol");
            running.newUser("dave").send(Conversation.with("carol"), "see you");
            assertThat(admin("disable", "dave").exit()).isZero();

            SessionMessage.Error refused = carol.requestError(new Posting.Send(carol.nextId(), "c-1", Conversation.with("DAVE"), "hello?", null));
            assertThat(refused.code()).isEqualTo(ErrorCode.UNKNOWN_RECIPIENT);
            assertThat(refused.message()).contains("'dave' is disabled");
            assertThat(carol.request(new ProfileRequest.GetAvatar(carol.nextId(), "dave", null), ProfileMessage.Avatar.class).username())
                    .isEqualTo("dave");
            assertThat(carol.request(new ConversationRequest.HistoryRequest(carol.nextId(), Conversation.with("dave"), null, null, 10),
                    ConversationMessage.HistoryPage.class).messages()).extracting(ConversationMessage.ChatMessage::text).containsExactly("see you");

            assertThat(admin("enable", "dave").exit()).isZero();
            carol.send(Conversation.with("dave"), "welcome back");
        }
    }

    /**
     * The administrator manages any room, private ones too, without being a member (PROTOCOL.md §7.23): the members
     * hear of it live, with no {@code by}; stopped, the same commands change the database alone.
     */
    @Test
    @SuppressWarnings("try")
    void roomsAreListedRenamedEmptiedAndArchivedByTheAdministrator() throws Exception {
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             AdminServer ignored = adminSocket(dir.resolve("admin.sock"), running.appliance())) {
            TestClient alice = running.newUser("alice");
            TestClient bob = running.newUser("bob");
            RoomMessage.RoomInfo room = alice.request(new RoomRequest.CreateRoom(alice.nextId(), "Secret plans", null,
                    "private"), RoomMessage.Room.class).room();
            alice.request(new RoomRequest.Invite(alice.nextId(), room.conversation(), "bob"), SessionMessage.Ok.class);
            String id = room.conversation().value();

            assertThat(admin("rooms").out()).containsPattern(id + " +private +open +2 +alice +Secret plans");
            assertThat(admin("room-update", id, "--name", "Open plans").out()).contains(id + " is now called 'Open plans'");
            RoomMessage.RoomEvent renamed = bob.await(RoomMessage.RoomEvent.class,
                    e -> e.change().equals(RoomMessage.RoomEvent.UPDATED));
            assertThat(renamed.by()).as("the administrator").isNull();
            assertThat(admin("room-remove", id, "bob").out()).contains("bob is no longer a member of " + id);
            bob.await(RoomMessage.RoomEvent.class, e -> e.change().equals(RoomMessage.RoomEvent.REMOVED));
            assertThat(bob.requestError(new Posting.Send(bob.nextId(), "c1", room.conversation(), "hi", null)).code())
                    .isEqualTo(ErrorCode.ROOM_NOT_FOUND);
            AdminTool.Result missing = admin("room-archive", "#999");
            assertThat(missing.exit()).isEqualTo(AdminCommand.FAILED);
            assertThat(missing.err()).contains("there is no room #999").doesNotContain("member");
        }
        assertThat(admin("room-archive", "1").out()).as("stopped: on the database").contains("#1 is archived");
        assertThat(admin("rooms").out()).containsPattern("#1 +private +archived +1 +alice +Open plans");
    }

    @Test
    void onTheDatabaseDirectlyWhileTheApplianceIsStopped() {
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir))) {
            running.newUser("alice");
        }
        assertThat(admin("disable", "alice").out()).contains("alice is disabled");
        assertThat(admin("users").out()).containsPattern("alice +disabled");
        AdminTool.Result online = admin("online");
        assertThat(online.exit()).isEqualTo(AdminCommand.FAILED);
        assertThat(online.err()).contains("the appliance is not running");
        assertThat(admin("backup").out()).contains("Backup written to");
    }

    /**
     * Tried, with the appliance stopped (root runs the tool then): the data directory's {@code backups} made a link to
     * another folder (mode 755), and, in a real {@code backups}, links planted under the names the next backups will
     * have. Root once wrote through both, and narrowed the linked folder to 700.
     */
    @Test
    void aBackupNeverWritesThroughALinkPlantedInTheDataDirectory() throws Exception {
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir))) {
            running.newUser("alice");
        }
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path backups = Files.createSymbolicLink(dir.resolve("backups"), elsewhere);

        AdminTool.Result refused = admin("backup");

        assertThat(refused.exit()).isEqualTo(AdminCommand.FAILED);
        assertThat(refused.err()).contains(backups + " is a symbolic link");
        try (var written = Files.list(elsewhere)) {
            assertThat(written.toList()).isEmpty();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(elsewhere))).isEqualTo("rwxr-xr-x");

        Files.delete(backups);
        Files.createDirectory(backups);
        Path victim = Files.writeString(elsewhere.resolve("victim"), "kept");
        java.time.format.DateTimeFormatter stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC);
        Instant now = Instant.now();
        for (int second = 0; second < 30; second++) {
            Files.createSymbolicLink(backups.resolve("lanchat-" + stamp.format(now.plusSeconds(second)) + ".sql.gz"), victim);
        }

        AdminTool.Result written = admin("backup");

        assertThat(written.exit()).as(written.err()).isZero();
        Path file = Path.of(written.out().replaceAll("(?s)^Backup written to (\\S+) .*", "$1"));
        assertThat(file).isRegularFile().isNotEqualTo(victim);
        assertThat(Files.isSymbolicLink(file)).as("the planted link was replaced").isFalse();
        assertThat(Files.readString(victim)).isEqualTo("kept");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void everyAdminCommandExplainsItselfWithHelp() {
        for (String command : new String[] {"users", "rooms", "room-update", "disable", "backup"}) {
            AdminTool.Result help = admin(command, "--help");
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage:").contains(command);
        }
    }

    @Test
    void aDataDirectoryWithoutADatabaseIsSaidSoInsteadOfGivingAnEmptyOne() {
        AdminTool.Result users = admin("users");

        assertThat(users.exit()).isEqualTo(AdminCommand.FAILED);
        assertThat(users.err()).contains("there is no database in").contains("LANCHAT_DATA_DIR=DIR");
        assertThat(admin("backup").exit()).as("no backup of nothing").isEqualTo(AdminCommand.FAILED);
        assertThat(dir.resolve("db").resolve("lanchat.mv.db")).as("and no empty database made").doesNotExist();
    }

    @Test
    void aTooShortPasswordIsRefusedBeforeAnythingChanges() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "short\n");
        AdminTool.Result reset = admin("reset-password", "alice", "--password-file", password.toString());
        assertThat(reset.exit()).isEqualTo(AdminCommand.FAILED);
        assertThat(reset.err()).contains("at least 8 characters");
    }

    // "try": a resource held open for the body without being used; javac 22+ no longer exempts the name "ignored".
    @Test
    @SuppressWarnings("try")
    void restoreBringsBackExactlyWhatWasBackedUp() throws Exception {
        Path script;
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             AdminServer ignored = adminSocket(dir.resolve("admin.sock"), running.appliance())) {
            running.newUser("alice");
            AdminTool.Result backup = admin("backup");
            script = Path.of(backup.out().replaceAll("(?s)^Backup written to (\\S+) .*", "$1"));
            running.newUser("bob");

            AdminTool.Result refused = admin("restore", script.toString());
            assertThat(refused.exit()).isEqualTo(AdminCommand.FAILED);
            assertThat(refused.err()).contains("the appliance is running; stop it first");
        }

        AdminTool.Result restored = admin("restore", script.toString());
        assertThat(restored.exit()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("Restored 1 account from " + script, "db.before-restore-");
        try (var files = Files.walk(dir.resolve("db"))) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("the restored database, before any start").isNotEmpty()
                    .allSatisfy(file -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .endsWith("------"));
        }

        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir))) {
            running.login("alice");
            assertThat(login(running, "bob", RunningAppliance.PASSWORD))
                    .isEqualTo(ErrorCode.AUTH_FAILED);
        }
    }

    /**
     * Tried: a real backup with three statements added at its end, one writing a file, one defining Java code that
     * writes another, one calling it. Run by root, as restores usually are, they would have written both as root.
     */
    @Test
    @SuppressWarnings("try")
    void aBackupThatWouldWriteFilesOrRunCodeIsRefusedAndNothingRuns() throws Exception {
        Path script;
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             AdminServer ignored = adminSocket(dir.resolve("admin.sock"), running.appliance())) {
            running.newUser("alice");
            script = Path.of(admin("backup").out().replaceAll("(?s)^Backup written to (\\S+) .*", "$1"));
        }
        Path written = dir.resolve("written-by-restore");
        Path byCode = dir.resolve("written-by-code");
        Path planted = dir.resolve("planted.sql.gz");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(script));
             var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(planted))) {
            in.transferTo(out);
            out.write(("CALL FILE_WRITE(STRINGTOUTF8('x'), '" + written + "');\n"
                    + "CREATE ALIAS PWN AS $$ String pwn() throws Exception { java.nio.file.Files.writeString("
                    + "java.nio.file.Path.of(\"" + byCode + "\"), \"ran\"); return \"x\"; } $$;\n"
                    + "CALL PWN();\n").getBytes(StandardCharsets.UTF_8));
        }
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir))) {
            running.newUser("bob"); // in the database the restore would replace
        }

        AdminTool.Result refused = admin("restore", planted.toString());

        assertThat(refused.exit()).isEqualTo(AdminCommand.FAILED);
        assertThat(refused.err()).contains(planted + " could not be loaded as a backup made by 'backup', so nothing was"
                + " changed", "Admin rights are required").hasLineCount(1);
        assertThat(written).doesNotExist();
        assertThat(byCode).doesNotExist();
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir))) {
            running.login("bob");
        }
        assertThat(admin("restore", script.toString()).exit()).as("the backup as written still loads").isZero();
    }

    /** The newcomer restored a PDF and a gzip of a word: the answers quoted H2's statements and error numbers. */
    @Test
    void aFileThatIsNotABackupIsSaidToBeNoneAndNothingChanges() throws Exception {
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir))) {
            running.newUser("alice");
        }
        Path pdf = Files.write(dir.resolve("report.pdf"), "%PDF-1.4 not a backup".getBytes(StandardCharsets.US_ASCII));
        Path word = dir.resolve("hello.sql.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(word))) {
            out.write("hello\n".getBytes(StandardCharsets.US_ASCII));
        }

        AdminTool.Result notGzip = admin("restore", pdf.toString());
        AdminTool.Result notScript = admin("restore", word.toString());

        assertThat(notGzip.exit()).isEqualTo(AdminCommand.FAILED);
        assertThat(notGzip.err()).contains(pdf + " is not a backup made by 'backup'", "nothing was changed")
                .doesNotContain("GZIP").hasLineCount(1);
        assertThat(notScript.exit()).isEqualTo(AdminCommand.FAILED);
        assertThat(notScript.err()).contains(word + " could not be loaded as a backup made by 'backup', so nothing"
                + " was changed").doesNotContain("SQL statement:", "42001").hasLineCount(1);
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir))) {
            running.login("alice");
        }
    }

    @Test
    @SuppressWarnings("try")
    void aBackupHasEveryAcknowledgedMessageAndARestoreSetsTheReplacedDatabasesJournalAside() throws Exception {
        Path script;
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             AdminServer ignored = adminSocket(dir.resolve("admin.sock"), running.appliance());
             TestClient alice = running.newUser("alice")) {
            for (int i = 0; i < 30; i++) {
                alice.send(Conversation.GROUP, "message " + i); // acknowledged once journaled: H2 may not have it yet
            }
            script = Path.of(admin("backup").out().replaceAll("(?s)^Backup written to (\\S+) .*", "$1"));
        }
        // What a crash would have left journaled for the database that the restore replaces.
        Path leftOver = Files.write(Files.createDirectories(dir.resolve("journal")).resolve("0000000007.journal"),
                new byte[] {0, 0, 0, 9});

        AdminTool.Result restored = admin("restore", script.toString());
        assertThat(restored.exit()).as(restored.err()).isZero();
        Path previous = Path.of(restored.out().replaceAll("(?s).*The previous database is in (\\S+?)\\.\\s.*", "$1"));
        assertThat(leftOver).doesNotExist();
        assertThat(previous.resolve("journal").resolve("0000000007.journal")).exists();

        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir));
             TestClient alice = running.login("alice")) {
            ConversationMessage.HistoryPage page = alice.request(
                    new ConversationRequest.HistoryRequest(alice.nextId(), Conversation.GROUP, null, 0L, 100),
                    ConversationMessage.HistoryPage.class);
            assertThat(page.messages()).hasSize(30);
        }
    }

    @Test
    void restoreIsRefusedWhileTheDatabaseIsOpenEvenWithoutAnAdminSocket() throws Exception {
        Path script;
        try (RunningAppliance running = RunningAppliance.start(dir, TestDatabase.h2(dir))) {
            running.newUser("alice");
            script = Path.of(admin("backup").out().replaceAll("(?s)^Backup written to (\\S+) .*", "$1"));
            // No admin socket here (as when it could not be created): the database's file lock still tells.
            AdminTool.Result refused = admin("restore", script.toString());
            assertThat(refused.exit()).isEqualTo(AdminCommand.FAILED);
            assertThat(refused.err()).contains("the appliance is running; stop it first");
            running.login("alice");
        }
        assertThat(admin("restore", script.toString()).exit()).isZero();
    }

    @Test
    void aFingerprintIsNeverCreatedByTheAdminCommand() {
        AdminTool.Result fingerprint = admin("fingerprint");
        assertThat(fingerprint.exit()).isEqualTo(AdminCommand.FAILED);
        assertThat(fingerprint.err()).contains("no certificate yet");
        assertThat(dir.resolve("tls")).doesNotExist();
    }
}
