package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.client.core.ChatClient;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.PeerAssistStore;
import org.lanchat.client.core.SignInStore;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.client.core.net.PinnedConnector;
import org.lanchat.client.testing.EventRecorder;
import org.lanchat.client.testing.LiveAppliance;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.lanchat.discovery.trust.TrustTarget;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.client.cli.LanchatJar.Result;
import org.lanchat.client.cli.LanchatJar.Running;

/**
 * The {@code lanchat} command line as a script uses it: the real jar as a process, against the real appliance on
 * 127.0.0.1 (no discovery), each user with a data directory of their own. Each test has an appliance of its own, so two
 * run side by side.
 */
@Tag("slow")
@Execution(ExecutionMode.CONCURRENT)
class CommandLineIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PASSWORD = Map.of("LANCHAT_PASSWORD", RunningAppliance.PASSWORD);

    @TempDir
    Path dir;
    Path applianceDir;
    TestDatabase database;
    RunningAppliance appliance;

    /**
     * Several tests stop their appliance and start it again on the same port while another test runs beside them.
     * Their ports come from below the kernel's ephemeral range (32768 and up), where nothing that binds port 0 (the
     * other test's appliance, its clients) can be handed the port in between; a counter keeps two tests apart.
     */
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(20_000 + ThreadLocalRandom.current().nextInt(8_000));

    @BeforeEach
    void start() throws IOException {
        applianceDir = Files.createDirectories(dir.resolve("appliance"));
        database = TestDatabase.h2(applianceDir);
        int port = unusedPortBelowTheEphemeralRange();
        appliance = RunningAppliance.start(applianceDir, database, b -> b.port(port));
    }

    private static int unusedPortBelowTheEphemeralRange() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = NEXT_PORT.getAndIncrement();
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // another program listens there: the next one
            }
        }
        throw new IllegalStateException("100 ports in a row are taken, up to " + (NEXT_PORT.get() - 1));
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    /** The options every call of one user shares: the appliance's address and the user's data directory. */
    private List<String> as(String user, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--appliance", "127.0.0.1:" + appliance.port(), "--no-discovery", "--data-dir",
                dir.resolve(user).toString()));
        return all;
    }

    /** Names in other scripts pass through arguments and output intact whatever the machine's locale. */
    private static final Map<String, String> UTF8 = Map.of("LC_ALL", "C.UTF-8");

    private static Result run(Map<String, String> env, List<String> args) {
        return LanchatJar.run(env, "", args);
    }

    private String code() {
        return appliance.fingerprint().shortCode();
    }

    /** Registers {@code user} from the command line, trusting the appliance's code. */
    private void register(String user) {
        Result registered = run(PASSWORD, as(user, "register", "--user", user, "--trust", code()));
        assertThat(registered.exit()).as(registered.toString()).isZero();
    }

    @Test
    void aScriptRegistersLogsInWithAPasswordFileAndIsRefusedAWrongOne() throws IOException {
        Result untrusted = run(PASSWORD, as("dora", "register", "--user", "dora"));
        assertThat(untrusted.exit()).as("no terminal to ask and no --trust: " + untrusted).isEqualTo(Exit.UNREACHABLE);
        assertThat(untrusted.err()).contains(code()).contains("--trust")
                .as("the address typed is said once").startsWith("First connection to 127.0.0.1:" + appliance.port() + ".\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dora"))))
                .as("private from the first command, though nothing was trusted").isEqualTo("rwx------");

        Result otherCode = run(PASSWORD, as("dora", "register", "--user", "dora", "--trust", "0000-0000-0000"));
        assertThat(otherCode.exit()).as(otherCode.toString()).isEqualTo(Exit.UNREACHABLE);

        Result registered = run(PASSWORD, as("dora", "register", "--user", "dora", "--trust", appliance.fingerprint().hex()));
        assertThat(registered.exit()).as(registered.toString()).isZero();
        Path signIns = dir.resolve("dora").resolve(SignInStore.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(signIns))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dora")))).isEqualTo("rwx------");

        Path wrong = Files.writeString(dir.resolve("wrong"), "not the password\n");
        Result refused = run(Map.of(), as("dora", "login", "--user", "dora", "--password-file", wrong.toString()));
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(Exit.REFUSED);

        Path absent = dir.resolve("no-such-file");
        Result missing = run(Map.of(), as("dora", "login", "--user", "dora", "--password-file", absent.toString()));
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(Exit.USAGE);
        assertThat(missing.err()).as("says why, not only the path again")
                .contains("Cannot read the password file " + absent + ": it does not exist");

        Path right = Files.writeString(dir.resolve("right"), RunningAppliance.PASSWORD + "\n");
        Result loggedIn = run(Map.of(), as("dora", "login", "--user", "dora", "--password-file", right.toString()));
        assertThat(loggedIn.exit()).as(loggedIn.toString()).isZero();
        assertThat(loggedIn.out()).contains("dora");

        Result unknown = run(PASSWORD, as("ghost", "login", "--user", "ghost", "--trust", code()));
        assertThat(unknown.exit()).as("an unknown user: " + unknown).isEqualTo(Exit.REFUSED);
    }

    @Test
    void theAdministratorsTrustFileDecidesAloneWhichApplianceIsTrusted() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only a file of root's is believed");
        Path elsewhere = provisioned("other", "# the appliance of another office\n0000-0000-0000\n");
        Result refused = run(provisionedBy(elsewhere), as("dora", "register", "--user", "dora"));
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(Exit.UNREACHABLE);
        assertThat(refused.err()).contains(code(), "0000-0000-0000");

        Path ours = provisioned("ours", code() + "\n");
        Result registered = run(provisionedBy(ours), as("dora", "register", "--user", "dora"));
        assertThat(registered.exit()).as("trusted without asking: " + registered).isZero();
    }

    /** A trust file as an administrator writes it: root's, readable by all, writable by root alone. */
    private Path provisioned(String name, String content) throws IOException {
        Path file = Files.writeString(dir.resolve(name + "-trusted-appliances"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    /** The password, and the trust file in place of /etc/lanchat/trusted-appliances (which tests leave alone). */
    private static Map<String, String> provisionedBy(Path file) {
        return Map.of("LANCHAT_PASSWORD", RunningAppliance.PASSWORD, "JAVA_TOOL_OPTIONS",
                "-D" + ProvisionedTrust.FILE_PROPERTY + "=" + file);
    }

    @Test
    void aFileSentWithSendFileIsDownloadedByItsSequenceNumberUnderASafeName() throws IOException {
        register("dora");
        register("eddy");
        byte[] bytes = new byte[1_200_000]; // three chunks
        new java.util.Random(17).nextBytes(bytes);
        Path report = Files.write(dir.resolve("..report 2025.pdf"), bytes);

        Result sent = run(Map.of(), as("dora", "send", "--to", "eddy", "--file", report.toString()));
        assertThat(sent.exit()).as(sent.toString()).isZero();
        assertThat(sent.out().strip()).as("the sequence number alone on standard output").isEqualTo("1");
        assertThat(sent.err()).as("progress on standard error").contains("Sending ..report 2025.pdf: 100%");

        Result history = run(Map.of(), as("eddy", "history", "--with", "dora", "--json"));
        JsonNode line = json(history).getFirst();
        assertThat(line.get("kind").asText()).isEqualTo("file");
        assertThat(line.get("text").asText()).as("the sender's client sends a safe name: no leading dots")
                .isEqualTo("report 2025.pdf");
        assertThat(line.get("file").get("size").asLong()).isEqualTo(bytes.length);
        assertThat(run(Map.of(), as("eddy", "history", "--with", "dora")).out())
                .contains("[file] report 2025.pdf (1200000 bytes; lanchat download fetches it)");

        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        Result got = run(Map.of(), as("eddy", "download", "1", "--with", "dora", "-o", downloads.toString()));
        assertThat(got.exit()).as(got.toString()).isZero();
        Path saved = downloads.resolve("report 2025.pdf");
        assertThat(got.out().strip()).isEqualTo(saved.toString());
        assertThat(Files.readAllBytes(saved)).isEqualTo(bytes);
        assertThat(downloads.resolve("report 2025.pdf.part")).doesNotExist();

        Result stranger = run(Map.of(), as("eddy", "download", "1"));
        assertThat(stranger.exit()).as("the group has no message 1: " + stranger).isEqualTo(Exit.REFUSED);
        assertThat(stranger.err()).contains("No file in that message for you");
        assertThat(run(Map.of(), as("dora", "send", "just", "words")).exit()).isZero();
        Result text = run(Map.of(), as("eddy", "download", "1"));
        assertThat(text.exit()).as("the group's message 1 is a text: " + text).isEqualTo(Exit.REFUSED);
        assertThat(text.err().strip()).isEqualTo(
                "Message 1 carries no file: it is a text or a sticker. 'lanchat history' marks the messages that carry one.");
        Result both = run(Map.of(), as("dora", "send", "--file", report.toString(), "and", "text"));
        assertThat(both.exit()).isEqualTo(Exit.USAGE);
        Result chinese = run(Map.of("LANCHAT_LANG", "zh-CN"), as("dora", "send", "--file", dir.resolve("missing").toString()));
        assertThat(chinese.exit()).isEqualTo(Exit.USAGE);
        assertThat(chinese.err()).contains("无法读取文件");

        // A sparse file one byte over the limit the appliance announced: refused before a byte of it is read.
        long limit = org.lanchat.appliance.config.AttachmentSettings.DEFAULT_MAX_FILE_BYTES;
        Path huge = dir.resolve("huge.bin");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(limit + 1);
        }
        Result tooLarge = run(Map.of(), as("dora", "send", "--to", "eddy", "--file", huge.toString()));
        assertThat(tooLarge.exit()).as(tooLarge.toString()).isEqualTo(Exit.REFUSED);
        assertThat(tooLarge.err()).as("the sentence names both sizes")
                .contains("huge.bin is " + (limit + 1) + " bytes").contains("at most " + limit + " bytes")
                .doesNotContain("Sending huge.bin");
    }

    /** The original chat room's ten stickers, sent from a terminal by their code. */
    @Test
    void aStickerIsSentByItsCodeAndAWrongCodeListsTheAppliancesStickers() throws IOException {
        register("dora");
        Result party = run(Map.of(), as("dora", "send", "--sticker", "party"));
        assertThat(party.exit()).as(party.toString()).isZero();
        assertThat(party.out().strip()).isEqualTo("1");
        assertThat(json(run(Map.of(), as("dora", "history", "--json")))).singleElement()
                .satisfies(l -> assertThat(l.get("kind").asText() + " " + l.get("text").asText()).isEqualTo("sticker party"));

        Result wrong = run(Map.of(), as("dora", "send", "--sticker", "confetti"));
        assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(Exit.USAGE);
        assertThat(wrong.err()).contains("no sticker 'confetti'").contains("party").contains("smile");
        assertThat(run(Map.of(), as("dora", "send", "--sticker", "party", "and words")).exit()).isEqualTo(Exit.USAGE);

        appliance.stop();
        Result stickerAway = run(Map.of(), as("dora", "send", "--sticker", "party"));
        assertThat(stickerAway.exit()).as(stickerAway.toString()).isEqualTo(Exit.UNREACHABLE);
        assertThat(stickerAway.err()).contains("Not sent: stickers go through the appliance only");
        Result roomAway = run(Map.of(), as("dora", "send", "--room", "Design", "anyone?"));
        assertThat(roomAway.exit()).as(roomAway.toString()).isEqualTo(Exit.UNREACHABLE);
        assertThat(roomAway.err()).contains("Not sent: a room's messages go through the appliance only");
        Path minutes = Files.writeString(dir.resolve("minutes.txt"), "minutes");
        Result fileAway = run(Map.of(), as("dora", "send", "--file", minutes.toString()));
        assertThat(fileAway.exit()).as(fileAway.toString()).isEqualTo(Exit.UNREACHABLE);
        assertThat(fileAway.err()).contains("Not sent: files go through the appliance only");
    }

    /** The original chat room's history window could be cleared: for the one who clears it, nobody else. */
    @Test
    void clearHidesAConversationsMessagesSoFarForTheUserOnly() {
        register("dora");
        register("eddy");
        assertThat(run(Map.of(), as("dora", "send", "--to", "eddy", "before")).exit()).isZero();

        Result cleared = run(Map.of(), as("eddy", "clear", "--with", "dora"));
        assertThat(cleared.exit()).as(cleared.toString()).isZero();
        assertThat(cleared.out()).contains("Cleared @dora");
        assertThat(run(Map.of(), as("dora", "send", "--to", "eddy", "after")).exit()).isZero();

        assertThat(json(run(Map.of(), as("eddy", "history", "--with", "dora", "--json"))))
                .extracting(l -> l.get("text").asText()).containsExactly("after");
        assertThat(json(run(Map.of(), as("dora", "history", "--with", "eddy", "--json"))))
                .as("dora cleared nothing").extracting(l -> l.get("text").asText()).containsExactly("before", "after");
        Result yourself = run(Map.of(), as("eddy", "clear", "--with", "eddy"));
        assertThat(yourself.exit()).as(yourself.toString()).isEqualTo(Exit.USAGE);
    }

    @Test
    void sendPrintsTheSequenceNumberAndHistoryAndWhoReadItBack() {
        register("dora");
        register("eddy");

        Result first = run(Map.of(), as("dora", "send", "The", "build", "broke"));
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out().strip()).isEqualTo("1");
        Result piped = LanchatJar.run(Map.of(), "fixed in 4711\n", as("eddy", "send", "-"));
        assertThat(piped.out().strip()).as(piped.toString()).isEqualTo("2");
        Result privately = run(Map.of(), as("eddy", "send", "--to", "dora", "just so you know"));
        assertThat(privately.out().strip()).as(privately.toString()).isEqualTo("1");

        Result history = run(Map.of(), as("dora", "history", "--json"));
        assertThat(history.exit()).as(history.toString()).isZero();
        List<JsonNode> lines = json(history);
        assertThat(lines).extracting(l -> l.get("seq").asLong()).containsExactly(1L, 2L);
        assertThat(lines).extracting(l -> l.get("text").asText()).containsExactly("The build broke", "fixed in 4711");
        assertThat(lines.getFirst().get("sender").asText()).isEqualTo("dora");
        assertThat(lines.getFirst().get("conversation").asText()).isEqualTo("group");
        assertThat(lines.getFirst().get("kind").asText()).isEqualTo("text");
        assertThat(lines.getFirst().get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        Result since = run(Map.of(), as("dora", "history", "--since", "1", "--json"));
        assertThat(json(since)).extracting(l -> l.get("text").asText()).containsExactly("fixed in 4711");
        Result limited = run(Map.of(), as("dora", "history", "--limit", "1"));
        assertThat(limited.lines()).singleElement().asString().contains("<eddy> fixed in 4711");
        Result withEddy = run(Map.of(), as("dora", "history", "--with", "eddy", "--json"));
        assertThat(json(withEddy)).extracting(l -> l.get("conversation").asText()).containsExactly("@eddy");

        Result unknownRecipient = run(Map.of(), as("dora", "send", "--to", "nobody", "hello?"));
        assertThat(unknownRecipient.exit()).as(unknownRecipient.toString()).isEqualTo(Exit.REFUSED);

        try (Running listening = LanchatJar.start(Map.of(), as("eddy", "listen"))) {
            listening.awaitErr("Listening; Ctrl-C stops.", WAIT);
            Result who = run(Map.of(), as("dora", "who", "--json"));
            assertThat(json(who)).extracting(l -> l.get("user").asText()).contains("dora", "eddy");
        }
    }

    @Test
    void profileSetsTheDisplayNameAndWhoHistoryAndListenShowIt() {
        register("dora");
        register("eddy");
        assertThat(run(UTF8, as("dora", "send", "written before the change")).out().strip()).isEqualTo("1");

        Result set = run(UTF8, as("dora", "profile", "--display-name", "Jose\u0301  Álvarez"));
        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(set.out().strip()).isEqualTo("dora: José Álvarez");
        Result shown = run(UTF8, as("dora", "profile"));
        assertThat(shown.out().strip()).as(shown.toString()).isEqualTo("dora: José Álvarez");

        Result lookAlike = run(UTF8, as("eddy", "profile", "--display-name", "JOSÉ ÁLVAREZ"));
        assertThat(lookAlike.exit()).as(lookAlike.toString()).isEqualTo(Exit.REFUSED);
        Result override = run(UTF8, as("eddy", "profile", "--display-name", "eddy\u202Etxt.exe"));
        assertThat(override.exit()).as(override.toString()).isEqualTo(Exit.REFUSED);

        Result history = run(UTF8, as("eddy", "history", "--json"));
        assertThat(json(history)).as("an old message shows its sender's name now")
                .extracting(l -> l.get("displayName").asText()).containsExactly("José Álvarez");
        assertThat(run(UTF8, as("eddy", "history")).out()).contains("<José Álvarez (dora)> written before the change");

        try (Running listening = LanchatJar.start(UTF8, as("eddy", "listen", "--json"))) {
            listening.awaitErr("Listening; Ctrl-C stops.", WAIT);
            Result who = run(UTF8, as("dora", "who", "--json"));
            assertThat(json(who)).filteredOn(l -> l.get("user").asText().equals("eddy"))
                    .singleElement().satisfies(l -> assertThat(l.get("displayName").isNull()).isTrue());
            assertThat(run(UTF8, as("dora", "send", "and after")).out().strip()).isEqualTo("2");
            listening.awaitOut("dora's message", out -> !messages(out).isEmpty(), WAIT);
            assertThat(messages(listening.out()).getFirst().get("displayName").asText()).isEqualTo("José Álvarez");
        }
        Result cleared = run(UTF8, as("dora", "profile", "--display-name", ""));
        assertThat(cleared.out().strip()).as(cleared.toString()).isEqualTo("dora (no display name)");
    }

    @Test
    void statusSetsThePresenceStateAndWhoAndListenShowIt() {
        register("dora");
        register("eddy");
        Result initial = run(Map.of(), as("dora", "status"));
        assertThat(initial.out().strip()).as(initial.toString()).isEqualTo("dora: available");

        // A state shows while its user is online (offline is offline): dora stays online through a listen of her own.
        try (Running online = LanchatJar.start(UTF8, as("dora", "listen", "--no-read-marks"));
             Running listening = LanchatJar.start(UTF8, as("eddy", "listen", "--json"))) {
            online.awaitErr("Listening; Ctrl-C stops.", WAIT);
            listening.awaitErr("Listening; Ctrl-C stops.", WAIT);
            Result set = run(UTF8, as("dora", "status", "BUSY", "--text", "会议中"));
            assertThat(set.exit()).as(set.toString()).isZero();
            assertThat(set.out().strip()).isEqualTo("dora: busy (do not disturb) \u2014 会议中");
            listening.awaitOut("dora's state", out -> !states(out).isEmpty(), WAIT);
            assertThat(states(listening.out())).last()
                    .satisfies(l -> {
                        assertThat(l.get("sender").asText()).isEqualTo("dora");
                        assertThat(l.get("state").asText()).isEqualTo("busy");
                        assertThat(l.get("text").asText()).isEqualTo("会议中");
                    });
        }
        Result shown = run(UTF8, as("dora", "status"));
        assertThat(shown.out().strip()).as(shown.toString()).isEqualTo("dora: busy (do not disturb) \u2014 会议中");
        Result who = run(UTF8, as("eddy", "who", "--json"));
        assertThat(json(who)).filteredOn(l -> l.get("user").asText().equals("eddy")).singleElement()
                .satisfies(l -> assertThat(l.get("state").asText()).isEqualTo("available"));

        Result overlong = run(Map.of(), as("dora", "status", "away", "--text", "x".repeat(81)));
        assertThat(overlong.exit()).as(overlong.toString()).isEqualTo(Exit.REFUSED);
        Result unknown = run(Map.of(), as("dora", "status", "offline"));
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(Exit.USAGE);
        assertThat(unknown.err()).contains("'offline' is not a state");
    }

    @Test
    void replyEditDeleteAndReactAreCommandsAndHistoryAndListenShowThem() {
        register("dora");
        register("eddy");
        try (Running listening = LanchatJar.start(Map.of(), as("eddy", "listen", "--json"))) {
            listening.awaitErr("Listening; Ctrl-C stops.", WAIT);
            assertThat(run(Map.of(), as("dora", "send", "lunch at 12?")).out().strip()).isEqualTo("1");
            Result reply = run(Map.of(), as("eddy", "send", "--reply-to", "1", "make it 1"));
            assertThat(reply.out().strip()).as(reply.toString()).isEqualTo("2");
            Result edit = run(Map.of(), as("dora", "edit", "1", "lunch", "at", "1?"));
            assertThat(edit.exit()).as(edit.toString()).isZero();
            Result react = run(Map.of(), as("eddy", "react", "1", "\uD83D\uDC4D"));
            assertThat(react.exit()).as(react.toString()).isZero();
            Result delete = run(Map.of(), as("dora", "delete", "1"));
            assertThat(delete.exit()).as(delete.toString()).isZero();
            listening.awaitOut("the changes", out -> out.stream().map(l -> parse(l).get("kind").asText()).toList()
                    .containsAll(List.of("edit", "react", "delete")), WAIT);
        }
        Result notHers = run(Map.of(), as("eddy", "edit", "1", "mine now"));
        assertThat(notHers.exit()).as(notHers.toString()).isEqualTo(Exit.REFUSED);
        Result notAnEmoji = run(Map.of(), as("eddy", "react", "2", "ok"));
        assertThat(notAnEmoji.exit()).as(notAnEmoji.toString()).isEqualTo(Exit.USAGE);

        List<JsonNode> lines = json(run(Map.of(), as("eddy", "history", "--json")));
        assertThat(lines).extracting(l -> l.get("kind").asText()).containsExactly("text", "text", "edit", "react", "delete");
        assertThat(lines.get(1).get("replyTo").asLong()).isEqualTo(1);
        assertThat(lines.get(2).get("target").asLong()).isEqualTo(1);
        assertThat(lines.get(2).get("text").asText()).isEqualTo("lunch at 1?");
        assertThat(lines.get(3).get("text").asText()).isEqualTo("\uD83D\uDC4D");
        assertThat(lines.get(4).get("text").isNull()).isTrue();
        assertThat(run(Map.of(), as("eddy", "history")).lines()).anySatisfy(l -> assertThat(l).contains("<dora> deleted #1"));
    }

    @Test
    void searchFindsWhatTheUserCanReadNewestFirstAndPagesOn() {
        register("dora");
        register("eddy");
        register("fred");
        assertThat(run(UTF8, as("dora", "send", "明天的会议改到三点")).out().strip()).isEqualTo("1");
        assertThat(run(UTF8, as("eddy", "send", "--to", "dora", "会议 notes are in the wiki")).out().strip()).isEqualTo("1");
        assertThat(run(UTF8, as("fred", "send", "--to", "eddy", "a 会议 dora must not find")).out().strip()).isEqualTo("1");

        Result found = run(UTF8, as("dora", "search", "--json", "会议"));
        assertThat(found.exit()).as(found.toString()).isZero();
        List<JsonNode> hits = json(found);
        assertThat(hits).extracting(l -> l.get("conversation").asText()).containsExactly("@eddy", "group");
        assertThat(hits).extracting(l -> l.get("kind").asText()).containsOnly("hit");
        assertThat(hits.get(1).get("text").asText()).isEqualTo("明天的会议改到三点");
        assertThat(hits.get(1).get("seq").asLong()).isEqualTo(1);
        assertThat(hits.get(1).get("sender").asText()).isEqualTo("dora");

        Result onlyGroup = run(UTF8, as("dora", "search", "--group", "会议"));
        assertThat(onlyGroup.lines()).singleElement().asString().contains("group #1 <dora> 明天的会议改到三点");
        Result firstPage = run(UTF8, as("dora", "search", "--limit", "1", "会议"));
        assertThat(firstPage.lines()).singleElement().asString().contains("@eddy #1 <eddy>");
        long last = hits.getFirst().get("messageId").asLong();
        assertThat(firstPage.err()).contains("--before " + last);
        Result nextPage = run(UTF8, as("dora", "search", "--json", "--before", String.valueOf(last), "会议"));
        assertThat(json(nextPage)).extracting(l -> l.get("conversation").asText()).containsExactly("group");
        Result nothing = run(UTF8, as("dora", "search", "--with", "fred", "会议"));
        assertThat(nothing.exit()).as(nothing.toString()).isZero();
        assertThat(nothing.out()).isEmpty();
        assertThat(nothing.err()).contains("No message contains \"会议\"");
        Result both = run(UTF8, as("dora", "search", "--group", "--with", "eddy", "会议"));
        assertThat(both.exit()).as(both.toString()).isEqualTo(Exit.USAGE);
    }

    /**
     * Rooms from the command line (PROTOCOL.md §7.23): created, listed, joined by name ignoring case, used with
     * {@code --room} wherever {@code --with} picks a conversation, and a name shared by two rooms asks for the #id.
     */
    @Test
    void roomsAreCreatedJoinedAndUsedByNameOrId() {
        register("dora");
        register("eddy");
        register("fred");
        Result design = run(UTF8, as("dora", "room", "create", "--topic", "weekly sketches", "Design"));
        assertThat(design.exit()).as(design.toString()).isZero();
        String designId = design.out().strip();
        assertThat(designId).matches("#[1-9][0-9]*");
        String secretId = run(UTF8, as("dora", "room", "create", "--private", "Salaries")).out().strip();

        List<JsonNode> visible = json(run(UTF8, as("eddy", "rooms", "--json")));
        assertThat(visible).extracting(r -> r.get("name").asText(), r -> r.get("member").asBoolean())
                .as("the private room is not even listed").containsExactly(tuple("Design", false));
        assertThat(run(UTF8, as("eddy", "room", "join", "design")).out().strip()).isEqualTo(designId);
        assertThat(run(UTF8, as("eddy", "rooms")).out()).contains(designId + " Design \u2014 public, 2 members, joined: weekly sketches");
        assertThat(run(UTF8, as("eddy", "send", "--room", "DESIGN", "明天的会议")).out().strip()).isEqualTo("1");
        assertThat(run(UTF8, as("dora", "history", "--room", designId)).out())
                .as("the room in words, unlike the message's number").contains(" room " + designId.substring(1) + " #1 <eddy> 明天的会议");
        assertThat(run(UTF8, as("dora", "room", "members", "Design")).lines()).containsExactly("dora (creator)", "eddy");

        Result stranger = run(UTF8, as("eddy", "send", "--room", "Salaries", "let me in"));
        assertThat(stranger.exit()).as(stranger.toString()).isNotZero();
        assertThat(stranger.err()).contains("You can see no room called \"Salaries\"");
        Result forged = run(UTF8, as("eddy", "history", "--room", secretId));
        assertThat(forged.exit()).as(forged.toString()).isNotZero();
        assertThat(forged.err()).contains("There is no such room, or you are not a member of it.");

        assertThat(run(UTF8, as("dora", "room", "invite", "Salaries", "fred")).exit()).isZero();
        assertThat(run(UTF8, as("fred", "send", "--room", "salaries", "psst")).out().strip()).isEqualTo("1");
        assertThat(json(run(UTF8, as("dora", "search", "--json", "--room", "Salaries", "psst"))))
                .extracting(l -> l.get("conversation").asText()).containsExactly(secretId);
        run(UTF8, as("fred", "room", "create", "--private", "design"));
        Result ambiguous = run(UTF8, as("fred", "send", "--room", "Design", "which one?"));
        assertThat(ambiguous.exit()).as(ambiguous.toString()).isEqualTo(Exit.USAGE);
        assertThat(ambiguous.err()).contains("Several rooms are called \"Design\"").contains(designId);
        assertThat(run(UTF8, as("dora", "send", "--with", "eddy", "--room", "Design", "x")).exit()).isEqualTo(Exit.USAGE);
        assertThat(run(UTF8, as("eddy", "room", "leave", "Design")).exit()).isZero();
        assertThat(run(UTF8, as("dora", "room", "members", "Design")).lines()).containsExactly("dora (creator)");
        Result notCreator = run(UTF8, as("fred", "room", "update", secretId, "--name", "Mine now"));
        assertThat(notCreator.exit()).as(notCreator.toString()).isNotZero();
        assertThat(notCreator.err()).contains("Only the creator of the room may do that.");
        assertThat(run(UTF8, as("dora", "room", "update", "Design", "--name", "Design team", "--topic", "")).exit()).isZero();
        assertThat(run(UTF8, as("dora", "rooms")).out()).contains(designId + " Design team \u2014 public, 1 member, joined\n");
    }

    @Test
    void listenPrintsEachMessageOnceAcrossARestartOfTheAppliance() {
        register("dora");
        register("eddy");
        try (Running listening = LanchatJar.start(Map.of(), as("eddy", "listen", "--json"))) {
            listening.awaitErr("Listening; Ctrl-C stops.", WAIT);
            assertThat(run(Map.of(), as("dora", "send", "before the restart")).out().strip()).isEqualTo("1");
            listening.awaitOut("the first message", out -> messages(out).size() == 1, WAIT);

            int port = appliance.port();
            appliance.stop();
            appliance = RunningAppliance.start(applianceDir, database, b -> b.port(port));
            // Sent while the listener may still be away: it arrives live or with the catch-up after the resume.
            assertThat(run(Map.of(), as("dora", "send", "after the restart")).out().strip()).isEqualTo("2");
            listening.awaitOut("the second message", out -> messages(out).size() >= 2, WAIT);
            assertThat(run(Map.of(), as("dora", "send", "once more")).out().strip()).isEqualTo("3");
            listening.awaitOut("the third message", out -> messages(out).size() >= 3, WAIT);

            List<JsonNode> lines = messages(listening.out());
            assertThat(lines).extracting(l -> l.get("seq").asLong()).containsExactly(1L, 2L, 3L);
            assertThat(lines).extracting(l -> l.get("text").asText())
                    .containsExactly("before the restart", "after the restart", "once more");

            // A send logs in and out within the appliance's 200 ms presence interval, so it may show no
            // presence at all (PROTOCOL.md §7.8); a second listener stays online until it is seen.
            try (Running doraListening = LanchatJar.start(Map.of(), as("dora", "listen"))) {
                doraListening.awaitErr("Listening; Ctrl-C stops.", WAIT);
                listening.awaitOut("dora online", out -> presence(out, "online", "dora"), WAIT);
            }
            listening.awaitOut("dora offline", out -> presence(out, "offline", "dora"), WAIT);
            assertThat(listening.out()).as("the listener's own coming online is not news to it")
                    .noneSatisfy(line -> assertThat(parse(line).get("sender").asText()).isEqualTo("eddy"));
        }
    }

    /** The newcomer's {@code lanchat listen} started while the appliance was still starting, and ended at once. */
    @Test
    void listenStartedBeforeTheApplianceAnswersWaitsForItThenPrintsWhatArrives() {
        register("dora");
        register("eddy");
        int port = appliance.port();
        appliance.stop();
        try (Running listening = LanchatJar.start(Map.of(), as("eddy", "listen", "--json"))) {
            listening.awaitErr("Waiting for the appliance: trying again in 1 s, and on until it answers; Ctrl-C stops.",
                    WAIT);
            appliance = RunningAppliance.start(applianceDir, database, b -> b.port(port));
            listening.awaitErr("Listening; Ctrl-C stops.", WAIT);
            assertThat(run(Map.of(), as("dora", "send", "you waited")).out().strip()).isEqualTo("1");
            listening.awaitOut("the message", out -> messages(out).size() == 1, WAIT);
            assertThat(listening.toString()).as("the reason said once, not at every attempt")
                    .containsOnlyOnce("Cannot reach the appliance at 127.0.0.1:" + port);
        }

        // Nothing to wait for: no address, none remembered, discovery off.
        Result nowhere = run(Map.of(), List.of("listen", "--no-discovery", "--data-dir", dir.resolve("nobody").toString()));
        assertThat(nowhere.exit()).as(nowhere.toString()).isEqualTo(4);
        assertThat(nowhere.err()).startsWith("No appliance found (discovery is off).").doesNotContain("Waiting");
    }

    @Test
    void listenKeepsPrintingWhatAColleagueSendsDirectlyWhileTheApplianceIsAwayAndOnceAfter() throws IOException {
        register("dora");
        register("eddy");
        EventRecorder dorasEvents = new EventRecorder();
        try (Running listening = LanchatJar.start(Map.of(), as("eddy", "listen", "--json"));
             ChatClient dora = peerAssisted("dora", dorasEvents)) {
            listening.awaitErr("Listening; Ctrl-C stops.", WAIT);
            await().atMost(WAIT).until(() -> dora.knownPeers().join().stream().anyMatch(p -> p.username().equals("eddy")));

            int port = appliance.port();
            appliance.stop();
            dorasEvents.await(ClientEvent.PeerModeChanged.class, e -> e.active() && e.reachable().contains("eddy"));
            ChatEntry direct = dora.sendText(Conversation.GROUP, "the appliance is away, still here");
            listening.awaitOut("the message sent directly", out -> messages(out).stream().anyMatch(line ->
                    line.get("text").asText().equals(direct.text()) && line.get("seq").isNull()), WAIT);

            appliance = RunningAppliance.start(applianceDir, database, b -> b.port(port));
            await().atMost(WAIT).untilAsserted(() -> assertThat(dora.messages(Conversation.GROUP).join())
                    .filteredOn(e -> e.clientMsgId().equals(direct.clientMsgId())).singleElement()
                    .satisfies(e -> assertThat(e.seq()).isPositive()));
            ChatEntry after = dora.sendText(Conversation.GROUP, "and through the appliance again");
            listening.awaitOut("the message after", out -> messages(out).stream()
                    .anyMatch(line -> line.get("text").asText().equals(after.text())), WAIT);
            assertThat(messages(listening.out())).as("the direct message printed once, not again when stored")
                    .filteredOn(line -> line.get("text").asText().equals(direct.text())).hasSize(1);
        }
    }

    /** The newcomer's wrong port: the message was kept, then stored by the next command after they had sent it again. */
    @Test
    void aMistypedApplianceAddressSendsAndKeepsNothing() throws IOException {
        register("dora");
        int wrongPort;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            wrongPort = closed.getLocalPort();
        }
        List<String> mistyped = new ArrayList<>(List.of("send", "a typo in the port", "--appliance", "127.0.0.1:" + wrongPort,
                "--no-discovery", "--data-dir", dir.resolve("dora").toString()));

        Result typo = run(Map.of(), mistyped);

        assertThat(typo.exit()).as(typo.toString()).isEqualTo(Exit.UNREACHABLE);
        assertThat(typo.err()).contains("Nothing was sent or kept: this computer never reached the appliance at 127.0.0.1:"
                + wrongPort);
        assertThat(run(Map.of(), as("dora", "who")).exit()).isZero();
        assertThat(json(run(Map.of(), as("dora", "history", "--json")))).as("not handed in by a later command").isEmpty();
    }

    @Test
    void sendWhileTheApplianceIsAwayGoesDirectlyToWhomItCanReachIsKeptAndIsStoredOnceWhenItIsBack() throws IOException {
        register("dora");
        register("eddy");
        register("fay");
        try (Running eddyListening = LanchatJar.start(Map.of(), as("eddy", "listen", "--json"))) {
            eddyListening.awaitErr("Listening; Ctrl-C stops.", WAIT);
            // Dora's client keeps her peer credential and where colleagues are once a session of hers lasted.
            PeerAssistStore dorasStore = new PeerAssistStore(dir.resolve("dora"));
            try (Running doraListening = LanchatJar.start(Map.of(), as("dora", "listen"))) {
                doraListening.awaitErr("Listening; Ctrl-C stops.", WAIT);
                await().atMost(WAIT).until(() -> dorasStore.load(appliance.fingerprint()).peers().stream()
                        .anyMatch(p -> p.username().equals("eddy")));
            }

            int port = appliance.port();
            appliance.stop();
            long before = System.currentTimeMillis();
            Result group = run(Map.of(), as("dora", "send", "the appliance is away, still here"));
            assertThat(group.exit()).as(group.toString()).isZero();
            assertThat(group.out().strip()).isEqualTo("sent directly to 1 colleague: eddy");
            assertThat(group.err().strip()).as("the address once, unreachable said once").isEqualTo("Cannot reach the"
                    + " appliance at 127.0.0.1:" + port + ": check that it is running and that this computer is on its"
                    + " network. So it went directly to colleagues instead (below); a copy is kept in "
                    + dir.resolve("dora").resolve("peer-assist") + " and handed to the appliance when it is back.");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dora").resolve("peer-assist"))))
                    .isEqualTo("rwx------");
            eddyListening.awaitOut("the message sent directly", out -> messages(out).stream().anyMatch(line ->
                    line.get("text").asText().equals("the appliance is away, still here") && line.get("seq").isNull()), WAIT);

            Result toFay = run(Map.of(), as("dora", "send", "--to", "fay", "for you when you are back"));
            assertThat(toFay.exit()).as("fay is not online: nobody reached, " + toFay).isEqualTo(Exit.UNREACHABLE);
            assertThat(toFay.err()).contains("No colleague could be reached directly").contains("do not send it again");
            assertThat(dorasStore.load(appliance.fingerprint()).held()).as("both kept on dora's disk").hasSize(2);

            appliance = RunningAppliance.start(applianceDir, database, b -> b.port(port));
            // Eddy's listener hands in the group message it received; dora's next command hands in both.
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(run(Map.of(), as("dora", "who")).exit()).isZero();
                List<JsonNode> fays = json(run(Map.of(), as("fay", "history", "--with", "dora", "--json")));
                assertThat(fays).extracting(l -> l.get("text").asText()).containsExactly("for you when you are back");
            });
            List<JsonNode> history = json(run(Map.of(), as("fay", "history", "--json")));
            assertThat(history).as("stored once, with dora's send time").singleElement().satisfies(line -> {
                assertThat(line.get("text").asText()).isEqualTo("the appliance is away, still here");
                assertThat(line.get("seq").asLong()).isEqualTo(1L);
                assertThat(Instant.parse(line.get("time").asText()).toEpochMilli()).isBetween(before - 1_000, before + 10_000);
            });
            await().atMost(WAIT).untilAsserted(() -> assertThat(dorasStore.load(appliance.fingerprint()).held())
                    .as("released once the appliance has them").isEmpty());
            assertThat(messages(eddyListening.out())).as("eddy saw it once, not again when stored")
                    .filteredOn(line -> line.get("text").asText().equals("the appliance is away, still here")).hasSize(1);
        }
    }

    /** A user of the client core, not the command line, taking peer links on loopback. */
    private ChatClient peerAssisted(String user, EventRecorder events) throws IOException {
        Path clientDir = Files.createDirectories(dir.resolve(user + "-core"));
        PinStore pins = PinStore.open(clientDir);
        pins.pin(ApplianceId.random(), "LAN Chat test", appliance.fingerprint());
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), appliance.port());
        ChatClient client = new ChatClient(new PinnedConnector(pins, new TlsPinCheck(pins, Duration.ofSeconds(5)),
                () -> TrustTarget.manual(address)),
                LiveAppliance.PEER_LINKS);
        client.addListener(events, Runnable::run);
        client.login(user, RunningAppliance.PASSWORD).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    @Test
    void aPrivateConversationWithYourselfIsSaidSoNotAsAnInvalidField() {
        register("dora");
        register("eddy");
        Result toSelf = run(Map.of(), as("dora", "send", "--to", "dora", "note to self"));
        assertThat(toSelf.exit()).as(toSelf.toString()).isEqualTo(Exit.USAGE);
        assertThat(toSelf.err().strip()).isEqualTo("You cannot send a private message to yourself.");
        Result withSelf = run(Map.of(), as("eddy", "download", "--with", "Eddy", "1"));
        assertThat(withSelf.exit()).as(withSelf.toString()).isEqualTo(Exit.USAGE);
        assertThat(withSelf.err().strip()).isEqualTo("There is no private conversation with yourself: --with names another user.");
        Result chinese = run(Map.of("LANCHAT_LANG", "zh-CN"), as("dora", "edit", "--with", "dora", "1", "x"));
        assertThat(chinese.exit()).as(chinese.toString()).isEqualTo(Exit.USAGE);
        assertThat(chinese.err()).contains("不存在与自己的私聊");
    }

    @Test
    void onAnApplianceWithoutAnEditWindowEditAndDeleteAreNotSaidToBeTooLate() {
        appliance.stop();
        appliance = RunningAppliance.start(applianceDir, database, b -> b.editWindow(Duration.ZERO));
        register("dora");
        assertThat(run(Map.of(), as("dora", "send", "typo")).out().strip()).isEqualTo("1");
        for (List<String> change : List.of(List.of("edit", "1", "no typo"), List.of("delete", "1"))) {
            Result refused = run(Map.of(), as("dora", change.toArray(String[]::new)));
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(Exit.REFUSED);
            // welcome announces the window (0), so the sentence says editing is off, not that the message is too old.
            assertThat(refused.err()).as(refused.toString()).contains("does not let anyone edit or delete messages; its"
                    + " administrator switched editing off").doesNotContain("too late", "older than");
        }
    }

    @Test
    void theLibrariesLogLinesStayOffTheTerminalUnlessLanchatDebugIsSet() throws IOException {
        register("dora");
        // A damaged sign-in file: the client core logs a warning (in English, for developers) and asks for the password.
        Files.writeString(dir.resolve("dora").resolve(SignInStore.FILE_NAME), "x=\\uZZZZ\n");
        Result quiet = run(PASSWORD, as("dora", "who", "--user", "dora"));
        assertThat(quiet.exit()).as(quiet.toString()).isZero();
        assertThat(quiet.err()).as(quiet.toString()).isEmpty();

        Files.writeString(dir.resolve("dora").resolve(SignInStore.FILE_NAME), "x=\\uZZZZ\n");
        Map<String, String> debug = Map.of("LANCHAT_PASSWORD", RunningAppliance.PASSWORD, "LANCHAT_DEBUG", "1");
        Result told = run(debug, as("dora", "who", "--user", "dora"));
        assertThat(told.exit()).as(told.toString()).isZero();
        assertThat(told.err()).as(told.toString()).contains("WARN").contains("Ignoring the sign-ins");
    }

    @Test
    void afterLogoutCommandsAreRefusedUntilTheNextLogin() {
        register("dora");
        Result logout = run(Map.of(), as("dora", "logout"));
        assertThat(logout.exit()).as(logout.toString()).isZero();
        assertThat(Files.exists(dir.resolve("dora").resolve(SignInStore.FILE_NAME))).isTrue();

        Result send = run(Map.of(), as("dora", "send", "hello"));
        assertThat(send.exit()).as(send.toString()).isEqualTo(Exit.REFUSED);
        assertThat(send.err()).contains("lanchat login");

        Result withPassword = run(PASSWORD, as("dora", "send", "--user", "dora", "hello"));
        assertThat(withPassword.exit()).as("a script may log in with the password as it sends: " + withPassword).isZero();
    }

    @Test
    void usageErrorsAndAnUnreachableApplianceHaveTheirOwnExitCodes() {
        assertThat(run(Map.of(), List.of("--help")).exit()).isZero();
        for (String command : List.of("login", "register", "logout", "send", "listen", "history", "who")) {
            Result help = run(Map.of(), List.of(command, "--help"));
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: lanchat " + command).contains("--data-dir")
                    .contains("--no-discovery");
        }
        assertThat(run(Map.of(), List.of()).exit()).isEqualTo(Exit.USAGE);
        assertThat(run(Map.of(), as("dora", "send")).exit()).as("no text").isEqualTo(Exit.USAGE);
        assertThat(run(Map.of(), as("dora", "history", "--limit", "many")).exit()).isEqualTo(Exit.USAGE);
        assertThat(run(Map.of(), as("dora", "who", "--trust", "not a code")).exit()).isEqualTo(Exit.USAGE);
        assertThat(run(Map.of(), as("dora", "register")).exit()).as("no --user").isEqualTo(Exit.USAGE);
        assertThat(run(Map.of(), as("dora", "login", "--user", "dora", "--trust", code())).exit())
                .as("no password and no terminal").isEqualTo(Exit.USAGE);

        int port = appliance.port();
        appliance.stop();
        Result unreachable = run(PASSWORD, List.of("login", "--user", "dora", "--appliance", "127.0.0.1:" + port,
                "--no-discovery", "--data-dir", dir.resolve("dora").toString()));
        assertThat(unreachable.exit()).as(unreachable.toString()).isEqualTo(Exit.UNREACHABLE);
        Result nothingKnown = run(PASSWORD, List.of("who", "--no-discovery", "--data-dir", dir.resolve("new").toString()));
        assertThat(nothingKnown.exit()).as(nothingKnown.toString()).isEqualTo(Exit.UNREACHABLE);
    }

    @Test
    void itSpeaksSimplifiedChineseWhenTheLocaleSaysSoAndEnglishWhenLangSaysSo() {
        register("dora");
        Map<String, String> chinese = Map.of("LANG", "zh_CN.UTF-8");
        Result help = run(chinese, List.of("--help"));
        assertThat(help.exit()).as(help.toString()).isZero();
        assertThat(help.out()).contains("用法： lanchat").contains("退出码：").contains("登录");
        Result sendHelp = run(chinese, List.of("send", "--help"));
        assertThat(sendHelp.out()).as(sendHelp.toString()).contains("用法： lanchat send").contains("私聊发送给 USER");

        Map<String, String> wrongPassword = Map.of("LANG", "zh_CN.UTF-8", "LANCHAT_PASSWORD", "not the password");
        Result refused = run(wrongPassword, as("dora", "login", "--user", "dora"));
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(Exit.REFUSED);
        assertThat(refused.err()).as(refused.toString()).contains("用户名或密码错误。");

        // The JVM reads arguments in the encoding of an installed locale only: where zh_CN.UTF-8 may not be, C.UTF-8.
        Map<String, String> chineseArguments = Map.of("LC_ALL", "C.UTF-8", "LANCHAT_LANG", "zh-CN");
        Result named = run(chineseArguments, as("dora", "profile", "--display-name", "张伟"));
        assertThat(named.out().strip()).as(named.toString()).isEqualTo("dora：张伟");
        Result who = run(chinese, as("dora", "who"));
        assertThat(who.lines()).as("a CJK character takes two columns: " + who).containsExactly("用户名  显示名称  状态", "dora    张伟",
                "1 人在线");

        Result english = run(wrongPassword, as("dora", "login", "--user", "dora", "--lang", "en"));
        assertThat(english.exit()).as(english.toString()).isEqualTo(Exit.REFUSED);
        assertThat(english.err()).as(english.toString()).contains("Wrong username or password.");
        assertThat(run(Map.of("LANG", "zh_CN.UTF-8", "LANCHAT_LANG", "en"), List.of("--help")).out()).contains("Usage: lanchat");
        assertThat(run(Map.of("LC_ALL", "C.UTF-8", "LANG", "zh_CN.UTF-8"), List.of("--help")).out())
                .as("LC_ALL before LANG").contains("Usage: lanchat");
    }

    @Test
    void whatTheCoreRefusesAndAnUnreachableApplianceAreSaidInChineseWithoutEnglishInside() {
        register("dora");
        Map<String, String> chinese = Map.of("LANG", "zh_CN.UTF-8");
        Result wrongPassword = run(Map.of("LANG", "zh_CN.UTF-8", "LANCHAT_PASSWORD", "not the password"),
                as("dora", "login", "--user", "dora"));
        assertThat(wrongPassword.exit()).as(wrongPassword.toString()).isEqualTo(Exit.REFUSED);
        assertThat(wrongPassword.err().strip()).as(wrongPassword.toString()).isEqualTo("用户名或密码错误。");

        Result tooLong = LanchatJar.run(chinese, "x".repeat(5000), as("dora", "send", "-"));
        assertThat(tooLong.exit()).as(tooLong.toString()).isEqualTo(Exit.USAGE);
        assertThat(tooLong.err()).as(tooLong.toString()).contains("消息长 5000 个字符；服务器最多接受 ")
                .doesNotContain("characters", "appliance");

        int port = appliance.port();
        appliance.stop();
        Result unreachable = run(chinese, List.of("login", "--user", "dora", "--appliance", "127.0.0.1:" + port,
                "--no-discovery", "--data-dir", dir.resolve("dora").toString()));
        assertThat(unreachable.exit()).as(unreachable.toString()).isEqualTo(Exit.UNREACHABLE);
        assertThat(unreachable.err()).as(unreachable.toString()).contains("无法连接服务器")
                .doesNotContainPattern("[A-Za-z]{4,}");
    }

    /** The messages among what {@code listen --json} printed; the rest is presence. */
    private static boolean presence(List<String> out, String kind, String user) {
        return out.stream().map(CommandLineIT::parse)
                .anyMatch(line -> line.get("kind").asText().equals(kind) && line.get("sender").asText().equals(user));
    }

    private static List<JsonNode> messages(List<String> out) {
        return out.stream().map(CommandLineIT::parse).filter(line -> line.get("kind").asText().equals("text")).toList();
    }

    private static List<JsonNode> states(List<String> out) {
        return out.stream().map(CommandLineIT::parse).filter(line -> line.get("kind").asText().equals("state")).toList();
    }

    private static List<JsonNode> json(Result result) {
        assertThat(result.exit()).as(result.toString()).isZero();
        return result.lines().stream().map(CommandLineIT::parse).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(line, e);
        }
    }
}
