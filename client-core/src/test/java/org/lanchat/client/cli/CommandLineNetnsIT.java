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

/**
 * {@code lanchat} on a LAN of network namespaces, with the real appliance advertising itself on another host:
 * given no address at all, it finds the appliance by multicast DNS, as the desktop app does.
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
        lab = NetnsLab.create("lanchat-command-line", 2);
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Runs lanchat on host 2 and returns what it printed; fails unless it exits 0. */
    private static String lanchat(String... args) {
        return lab.runIn(lab.host(2), COMMAND, LanchatJar.command(List.of(args)).toArray(String[]::new));
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
}
