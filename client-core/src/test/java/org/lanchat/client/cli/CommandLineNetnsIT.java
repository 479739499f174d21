package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.lan.ApplianceChild;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.discovery.netns.ChildJvm;
import org.lanchat.discovery.netns.NetnsLab;
import org.lanchat.discovery.netns.NetnsLab.Host;

/**
 * {@code lanchat} on a LAN of network namespaces, with the real appliance advertising itself on another host:
 * given no address at all, it finds the appliance by multicast DNS, as the desktop app does; and with the
 * appliance killed, it reaches a colleague's app directly, where the appliance last saw it or by DNS-SD.
 */
@Tag("slow")
class CommandLineNetnsIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration COMMAND = Duration.ofSeconds(90);
    private static NetnsLab lab;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildLan() {
        lab = NetnsLab.create("lanchat-command-line", 3);
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Runs lanchat on host 2 and returns what it printed; fails unless it exits 0. */
    private static String lanchat(String... args) {
        return lanchatOn(lab.host(2), args);
    }

    private static String lanchatOn(Host host, String... args) {
        return lab.runIn(host, COMMAND, LanchatJar.command(List.of(args)).toArray(String[]::new));
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().toList();
        return lines.getLast().strip();
    }

    @Test
    void sendFindsTheApplianceByMulticastDnsWithNoAddressGiven() throws IOException {
        Path data = Files.createDirectories(dir.resolve("appliance"));
        ChildJvm appliance = lab.startJava(lab.host(1), "appliance", ApplianceChild.class, List.of(), data.toString(),
                "Front office", lab.host(1).interfaceName());
        appliance.await("advertising", START);
        String code = appliance.event("ready").get("code");
        Path password = Files.writeString(dir.resolve("password"), RunningAppliance.PASSWORD + "\n");

        String registered = lanchat("register", "--user", "amy", "--password-file", password.toString(), "--trust", code,
                "--data-dir", dir.resolve("first").toString());
        assertThat(registered).contains("Registered amy on Front office");

        // A computer that has never seen the appliance: no address, no last appliance, only the code to trust.
        List<String> send = new ArrayList<>(List.of("send", "--user", "amy", "--password-file", password.toString(),
                "--trust", code, "--data-dir", dir.resolve("fresh").toString(), "found by mDNS"));
        assertThat(lastLine(lanchat(send.toArray(String[]::new)))).isEqualTo("1");

        String history = lanchat("history", "--json", "--data-dir", dir.resolve("fresh").toString());
        assertThat(history).contains("\"text\":\"found by mDNS\"");
        appliance.send("stop");
        appliance.await("closed", START);
    }

    /**
     * Eddy's app (the client core) on host 2, Dora's computer on host 3: her app ran while the appliance was up,
     * then she uses {@code lanchat send} after the appliance on host 1 was killed (kill -9). With multicast
     * dropped on her host, the message reaches Eddy where the appliance last saw him; after Eddy's host changed
     * its address, it reaches him at the new one, found by DNS-SD. Restarted, the appliance stores each once.
     */
    @Test
    void withTheApplianceKilledSendReachesAColleagueWhereTheApplianceSawHimAndByDnsSdAtANewAddress() throws Exception {
        Host applianceHost = lab.host(1);
        Host eddysHost = lab.host(2);
        Host dorasHost = lab.host(3);
        Path data = Files.createDirectories(dir.resolve("appliance"));
        ChildJvm appliance = lab.startJava(applianceHost, "peer-appliance", ApplianceChild.class, List.of(),
                data.toString(), "Back office", applianceHost.interfaceName());
        appliance.await("advertising", START);
        String code = appliance.event("ready").get("code");
        Path password = Files.writeString(dir.resolve("password"), RunningAppliance.PASSWORD + "\n");
        String eddys = dir.resolve("eddy").toString();
        String doras = dir.resolve("dora").toString();
        lanchatOn(eddysHost, "register", "--user", "eddy", "--password-file", password.toString(), "--trust", code,
                "--data-dir", eddys);
        lanchatOn(dorasHost, "register", "--user", "dora", "--password-file", password.toString(), "--trust", code,
                "--data-dir", doras);

        ChildJvm eddy = lab.startJava(eddysHost, "eddy-app", PeerClientMain.class, List.of(), eddys, "eddy",
                RunningAppliance.PASSWORD);
        eddy.await("online", START);
        try (ChildJvm dorasApp = lab.startJava(dorasHost, "dora-app", PeerClientMain.class, List.of(), doras, "dora",
                RunningAppliance.PASSWORD)) {
            dorasApp.await("peers", e -> e.get("known").equals("eddy"), START);
            dorasApp.send("stop");
            dorasApp.await("closed", START);
        }

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

        ChildJvm restarted = lab.startJava(applianceHost, "peer-appliance-again", ApplianceChild.class, List.of(),
                data.toString(), "Back office", applianceHost.interfaceName());
        restarted.await("advertising", START);
        eddy.await("peer-mode", e -> e.get("active").equals("false"), START);
        for (String text : List.of("sent with multicast blocked", "found at the new address")) {
            eddy.await("message", e -> e.get("text").equals(text) && e.get("delivery").equals("DELIVERED")
                    && Long.parseLong(e.get("seq")) > 0, COMMAND);
        }
        org.awaitility.Awaitility.await().atMost(COMMAND).untilAsserted(() -> assertThat(
                lanchatOn(dorasHost, "history", "--data-dir", doras, "--json").lines()
                        .filter(line -> line.contains("\"kind\":\"text\"")).toList())
                .as("each stored once")
                .hasSize(2).allSatisfy(line -> assertThat(line).contains("\"sender\":\"dora\"")));
        eddy.send("stop");
        restarted.send("stop");
        restarted.await("closed", START);
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
