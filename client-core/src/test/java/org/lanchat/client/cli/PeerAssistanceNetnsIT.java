package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.lan.ApplianceChild;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.client.core.PeerAssistStore;
import org.lanchat.discovery.netns.ChildEvent;
import org.lanchat.discovery.netns.ChildJvm;
import org.lanchat.discovery.netns.NetnsLab;
import org.lanchat.discovery.netns.NetnsLab.Host;
import org.lanchat.discovery.netns.PacketCapture;
import org.lanchat.discovery.netns.PacketCapture.Packet;

/**
 * Peer assistance on a LAN of network namespaces (PROTOCOL.md §10): the appliance on host 1 is killed with
 * SIGKILL while colleagues on hosts 2 to 5 chat, and started again on its data. Colleagues' apps are the client
 * core as the desktop app wires it ({@link PeerClientMain}); {@code lanchat} commands run on their own hosts.
 */
@Tag("slow")
class PeerAssistanceNetnsIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration COMMAND = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static NetnsLab lab;

    @TempDir
    Path dir;
    Path applianceData;
    String code;
    Path password;

    @BeforeAll
    static void buildLan() {
        lab = NetnsLab.create("peer-assistance", 5);
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void prepare() throws Exception {
        applianceData = Files.createDirectories(dir.resolve("appliance"));
        password = Files.writeString(dir.resolve("password"), RunningAppliance.PASSWORD + "\n");
    }

    /** The appliance on host 1, on the test's data, until it advertises; its code is kept for registering. */
    private ChildJvm startAppliance() {
        Host host = lab.host(1);
        ChildJvm appliance = lab.startJava(host, "appliance", ApplianceChild.class, List.of(), applianceData.toString(),
                "Back office", host.interfaceName());
        appliance.await("advertising", START);
        code = appliance.event("ready").get("code");
        return appliance;
    }

    /** Registers {@code user} with lanchat on {@code host}; returns the user's data directory there. */
    private String register(Host host, String user) {
        String data = dir.resolve(user).toString();
        lanchatOn(host, "register", "--user", user, "--password-file", password.toString(), "--trust", code,
                "--data-dir", data);
        return data;
    }

    /** The user's app on {@code host}, logging in to the appliance registered with there. */
    private ChildJvm app(Host host, String user) {
        return lab.startJava(host, user + "-app", PeerClientMain.class, List.of(), dir.resolve(user).toString(), user,
                RunningAppliance.PASSWORD);
    }

    /** The user's app ran while the appliance was up, until it knew where {@code colleagues} are; then it closed. */
    private void ranOnce(Host host, String user, String colleagues) {
        try (ChildJvm once = app(host, user)) {
            once.await("peers", e -> e.get("known").equals(colleagues), START);
            once.send("stop");
            once.await("closed", START);
        }
    }

    private static String lanchatOn(Host host, String... args) {
        return lab.runIn(host, COMMAND, LanchatJar.command(List.of(args)).toArray(String[]::new));
    }

    private static String lastLine(String output) {
        return output.lines().toList().getLast().strip();
    }

    /**
     * Amy, Ben and Cat keep their apps open on hosts 2 to 4; Dan, on host 5, uses lanchat. Group and private
     * messages go through the appliance, then it is killed: the apps go direct, all four keep sending, Cat's link
     * goes down and comes back. Restarted, the appliance holds every message once under contiguous sequence
     * numbers, each with its sender's send time, and every app shows each once with that sequence number.
     */
    @Test
    void fourColleaguesKeepChattingThroughAKillAndALinkOutageAndEveryMessageEndsUpOnceEverywhere() throws Exception {
        ChildJvm appliance = startAppliance();
        Map<String, Host> hosts = Map.of("amy", lab.host(2), "ben", lab.host(3), "cat", lab.host(4), "dan", lab.host(5));
        hosts.forEach((user, host) -> register(host, user));
        Map<String, ChildJvm> apps = new HashMap<>();
        for (String user : List.of("amy", "ben", "cat")) {
            apps.put(user, app(hosts.get(user), user));
            apps.get(user).await("online", START);
        }
        for (String user : List.of("amy", "ben", "cat")) {
            apps.get(user).await("peers", e -> Set.of(e.get("known").split(",")).containsAll(
                    apps.keySet().stream().filter(other -> !other.equals(user)).toList()), START);
        }
        ranOnce(hosts.get("dan"), "dan", "amy,ben,cat");

        apps.get("amy").send("send through the appliance, from amy");
        apps.get("ben").send("sendto cat privately through the appliance");
        for (String user : List.of("amy", "ben", "cat")) {
            apps.get(user).await("message", e -> e.get("text").equals("through the appliance, from amy")
                    && !e.get("seq").equals("0"), COMMAND);
        }
        apps.get("cat").await("message", e -> e.get("text").equals("privately through the appliance")
                && !e.get("seq").equals("0"), COMMAND);

        appliance.kill();
        long killedAt = System.currentTimeMillis();
        for (String user : List.of("amy", "ben", "cat")) {
            apps.get(user).await("peer-mode", e -> e.get("active").equals("true")
                    && e.get("reachable").split(",").length == 2, START);
        }
        apps.get("amy").send("send directly, from amy");
        apps.get("ben").send("sendto cat directly and privately, from ben");
        apps.get("cat").send("send directly, from cat");
        assertThat(lastLine(lanchatOn(hosts.get("dan"), "send", "--data-dir", dir.resolve("dan").toString(),
                "directly, from dan on the command line"))).isEqualTo("sent directly to 3 colleagues: amy, ben, cat");

        Host cats = hosts.get("cat");
        lab.ip("-n", cats.namespace(), "link", "set", cats.interfaceName(), "down");
        apps.get("amy").send("send while cat's cable is out, from amy");
        apps.get("ben").await("message", e -> e.get("text").equals("while cat's cable is out, from amy"), COMMAND);
        lab.ip("-n", cats.namespace(), "link", "set", cats.interfaceName(), "up");
        apps.get("cat").send("send directly after the outage, from cat");

        List<String> group = List.of("through the appliance, from amy", "directly, from amy", "directly, from cat",
                "directly, from dan on the command line", "while cat's cable is out, from amy",
                "directly after the outage, from cat");
        for (String user : List.of("amy", "ben")) {
            for (String text : List.of("directly, from amy", "directly, from cat", "directly, from dan on the command line")) {
                if (!text.endsWith("from " + user)) {
                    apps.get(user).await("message", e -> e.get("text").equals(text) && e.get("delivery").equals("DIRECT"), COMMAND);
                }
            }
        }

        ChildJvm restarted = startAppliance();
        for (String user : List.of("amy", "ben", "cat")) {
            ChildJvm app = apps.get(user);
            app.await("peer-mode", e -> e.get("active").equals("false"), START);
            for (String text : group) {
                app.await("message", e -> e.get("text").equals(text) && !e.get("seq").equals("0"), COMMAND);
            }
        }
        apps.get("cat").await("message", e -> e.get("text").equals("directly and privately, from ben")
                && !e.get("seq").equals("0"), COMMAND);
        String dans = dir.resolve("dan").toString();
        await().atMost(COMMAND).ignoreExceptions().until(() -> lanchatOn(hosts.get("dan"), "who", "--data-dir", dans) != null
                && new PeerAssistStore(Path.of(dans)).load(new PeerAssistStore(Path.of(dans)).lastUsed().orElseThrow())
                        .held().isEmpty());

        // The history: every group message once, contiguous sequence numbers, the senders' times kept.
        List<String> lines = lanchatOn(hosts.get("dan"), "history", "--data-dir", dans, "--json").lines()
                .filter(line -> line.contains("\"kind\":\"text\"")).toList();
        Map<String, Long> seqOf = new HashMap<>();
        List<Long> seqs = new ArrayList<>();
        for (String line : lines) {
            JsonNode json = JSON.readTree(line);
            seqOf.merge(json.get("text").asText(), json.get("seq").asLong(), (a, b) -> {
                throw new AssertionError("stored twice: " + json.get("text").asText());
            });
            seqs.add(json.get("seq").asLong());
            if (json.get("text").asText().startsWith("directly")) {
                assertThat(Instant.parse(json.get("time").asText()).toEpochMilli()).as("sent while it was down")
                        .isGreaterThanOrEqualTo(killedAt - 1_000);
            }
        }
        assertThat(seqOf.keySet()).containsExactlyInAnyOrderElementsOf(group);
        assertThat(seqs).as("contiguous").containsExactlyElementsOf(
                LongStream.rangeClosed(1, group.size()).boxed().toList());

        // Every app holds each group message once, with the appliance's sequence number.
        for (String user : List.of("amy", "ben", "cat")) {
            Map<String, Set<String>> stored = apps.get(user).events().stream()
                    .filter(e -> e.type().equals("message") && e.get("conversation").equals("group")
                            && !e.get("seq").equals("0"))
                    .collect(Collectors.groupingBy(e -> e.get("text"), Collectors.mapping(e -> e.get("seq"),
                            Collectors.toCollection(TreeSet::new))));
            for (String text : group) {
                assertThat(stored.get(text)).as(user + ": " + text).containsExactly(Long.toString(seqOf.get(text)));
            }
        }
        List<ChildEvent> privately = apps.get("cat").events().stream().filter(e -> e.type().equals("message")
                && e.get("conversation").equals("@ben") && !e.get("seq").equals("0")).toList();
        assertThat(privately.stream().map(e -> e.get("text") + "#" + e.get("seq")).distinct().toList())
                .as("each private message once, in order").hasSize(2);
        apps.values().forEach(app -> app.send("stop"));
        restarted.send("stop");
        restarted.await("closed", START);
    }

    /**
     * {@code lanchat listen} on Fay's host, in peer mode after the appliance was killed, advertises her peer links;
     * stopped with SIGTERM (as a service manager stops it, and Ctrl-C's SIGINT alike), it says goodbye to them
     * (RFC 6762 §10.1), so colleagues' browsers do not keep a dead address for the advertisement's TTL.
     */
    @Test
    void listenStoppedBySigtermSaysGoodbyeToItsPeerAdvertisement() {
        Host gilsHost = lab.host(2);
        Host faysHost = lab.host(3);
        ChildJvm appliance = startAppliance();
        register(gilsHost, "gil");
        String fays = register(faysHost, "fay");
        ChildJvm gil = app(gilsHost, "gil");
        gil.await("online", START);
        try (PacketCapture capture = PacketCapture.start(lab, faysHost, "listen-goodbye");
             ChildJvm listen = lab.startProcess(faysHost, "fay-listen",
                     LanchatJar.command(List.of("listen", "--data-dir", fays)))) {
            // The appliance lists Fay to Gil once it has issued her the credential peer mode needs.
            gil.await("peers", e -> e.get("known").equals("fay"), START);
            appliance.kill();
            capture.await("Fay's peer advertisement", p -> isPeerAdvertisement(p, faysHost) && !p.summary().contains("[0s]"),
                    START);

            listen.terminate(Duration.ofSeconds(30));
            capture.await("the goodbye to Fay's peer advertisement", p -> isPeerAdvertisement(p, faysHost)
                    && p.summary().contains("[0s] PTR"), Duration.ofSeconds(5));
        }
    }

    private static boolean isPeerAdvertisement(Packet packet, Host from) {
        return packet.source().equals(from.address()) && packet.isResponse()
                && packet.summary().contains("_lanchat-peer._tcp.local.");
    }

    /**
     * Eddy's app on host 2, Dora's computer on host 3: her app ran while the appliance was up, then she uses
     * {@code lanchat send} after the appliance was killed. With multicast dropped on her host, the message reaches
     * Eddy where the appliance last saw him; after Eddy's host changed its address, it reaches him at the new one,
     * found by DNS-SD. Restarted, the appliance stores each once.
     */
    @Test
    void withTheApplianceKilledSendReachesAColleagueWhereTheApplianceSawHimAndByDnsSdAtANewAddress() throws Exception {
        Host eddysHost = lab.host(2);
        Host dorasHost = lab.host(3);
        ChildJvm appliance = startAppliance();
        String eddys = register(eddysHost, "eddy");
        String doras = register(dorasHost, "dora");
        ChildJvm eddy = app(eddysHost, "eddy");
        eddy.await("online", START);
        ranOnce(dorasHost, "dora", "eddy");

        appliance.kill();
        eddy.await("peer-mode", e -> e.get("active").equals("true"), START);

        blockMulticast(dorasHost);
        String listed = lanchatOn(dorasHost, "send", "--data-dir", doras, "sent with multicast blocked");
        assertThat(lastLine(listed)).isEqualTo("sent directly to 1 colleague: eddy");
        eddy.await("message", e -> e.get("text").equals("sent with multicast blocked") && e.get("delivery").equals("DIRECT")
                && e.get("from").equals("dora"), COMMAND);
        unblockMulticast(dorasHost);

        // Eddy's computer gets another address while the appliance is away: the one it listed is stale now.
        String moved = NetnsLab.SUBNET_PREFIX + "102";
        lab.ip("-n", eddysHost.namespace(), "addr", "add", moved + "/24", "dev", eddysHost.interfaceName());
        lab.ip("-n", eddysHost.namespace(), "addr", "del", eddysHost.address() + "/24", "dev", eddysHost.interfaceName());
        try (ChildJvm watching = lab.startJava(dorasHost, "peer-watch", org.lanchat.discovery.netns.BrowserMain.class,
                List.of(), "--interfaces", dorasHost.interfaceName(), "--rescan-ms", "300")) {
            watching.await("peers", e -> e.get("seen").contains("@" + moved + ":"), START);
        }
        String found = lanchatOn(dorasHost, "send", "--data-dir", doras, "found at the new address");
        assertThat(lastLine(found)).isEqualTo("sent directly to 1 colleague: eddy");
        eddy.await("message", e -> e.get("text").equals("found at the new address") && e.get("delivery").equals("DIRECT"),
                COMMAND);

        ChildJvm restarted = startAppliance();
        eddy.await("peer-mode", e -> e.get("active").equals("false"), START);
        for (String text : List.of("sent with multicast blocked", "found at the new address")) {
            eddy.await("message", e -> e.get("text").equals(text) && e.get("delivery").equals("DELIVERED")
                    && Long.parseLong(e.get("seq")) > 0, COMMAND);
        }
        await().atMost(COMMAND).untilAsserted(() -> assertThat(
                lanchatOn(dorasHost, "history", "--data-dir", doras, "--json").lines()
                        .filter(line -> line.contains("\"kind\":\"text\"")).toList())
                .as("each stored once")
                .hasSize(2).allSatisfy(line -> assertThat(line).contains("\"sender\":\"dora\"")));
        eddy.send("stop");
        restarted.send("stop");
        restarted.await("closed", START);
    }

    /**
     * While Eddy's app chats directly, a rogue host on the LAN finds it by DNS-SD and advertises a valid-looking
     * peer, then shows a credential from a second appliance naming Dora, Dora's genuine credential copied from her
     * computer, and nothing at all: Eddy's app refuses each, logs why, never counts Dora as reachable and shows
     * nothing the rogue sends. (An expired credential is refused the same way, PeerLinkTest.)
     */
    @Test
    void aRogueHostIsRefusedWhateverItShowsAndNothingItSaysIsShown() throws Exception {
        Host eddysHost = lab.host(2);
        Host dorasHost = lab.host(3);
        ChildJvm appliance = startAppliance();
        register(eddysHost, "eddy");
        String doras = register(dorasHost, "dora");
        ChildJvm eddy = app(eddysHost, "eddy");
        eddy.await("online", START);
        ranOnce(dorasHost, "dora", "eddy");
        String fingerprint = new PeerAssistStore(Path.of(doras)).lastUsed().orElseThrow().hex();

        appliance.kill();
        eddy.await("peer-mode", e -> e.get("active").equals("true"), START);
        ChildJvm rogue = lab.startJava(lab.host(5), "rogue", RoguePeerMain.class, List.of(), "--interfaces",
                lab.host(5).interfaceName(), "--appliance-fp", fingerprint, "--victim-data", doras, "--user", "dora");
        rogue.await("found", e -> e.get("peer").startsWith(eddysHost.address() + ":"), START);
        for (String mode : List.of("other-appliance", "copied", "silent")) {
            assertThat(rogue.await("attempt", e -> e.get("mode").equals(mode), COMMAND).get("outcome"))
                    .as("the client hung up on the rogue's " + mode + " attempt").isEqualTo("closed");
        }
        assertThat(rogue.awaitExit(START)).isZero();

        await().atMost(START).untilAsserted(() -> assertThat(eddy.log())
                .contains("Refused a peer at /" + lab.host(5).address())
                .contains("(OTHER_APPLIANCE)").contains("(OTHER_KEY)")
                .contains("did not complete the handshake: the peer said nothing valid within 10 s")
                .containsPattern("Cannot reach LAN Chat peer [0-9a-f]{8} at /" + lab.host(5).address().replace(".", "\\.")));
        assertThat(eddy.events()).as("nothing the rogue said is shown, and Dora was never reachable")
                .noneMatch(e -> e.type().equals("message") && e.get("text").startsWith("rogue says"))
                .noneMatch(e -> e.type().equals("peer-mode") && e.get("reachable").contains("dora"));
        eddy.send("stop");
        eddy.await("closed", START);
    }

    /** Drops every multicast datagram in and out of the host, as a switch with multicast filtering would. */
    private static void blockMulticast(Host host) {
        lab.runIn(host, COMMAND, "nft", "add", "table", "inet", "lct_block");
        for (String[] chain : new String[][] {{"in", "input"}, {"out", "output"}}) {
            lab.runIn(host, COMMAND, "nft", "add", "chain", "inet", "lct_block", chain[0], "{", "type", "filter", "hook",
                    chain[1], "priority", "0", ";", "}");
            lab.runIn(host, COMMAND, "nft", "add", "rule", "inet", "lct_block", chain[0], "ip", "daddr", "224.0.0.0/4", "drop");
        }
    }

    private static void unblockMulticast(Host host) {
        lab.runIn(host, COMMAND, "nft", "delete", "table", "inet", "lct_block");
    }
}
