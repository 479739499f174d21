package org.lanchat.appliance.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.discovery.ApplianceId;
import org.lanchat.discovery.netns.ChildEvent;
import org.lanchat.discovery.netns.ChildJvm;
import org.lanchat.discovery.netns.NetnsLab;

/**
 * The real appliance and real clients on a LAN made of network namespaces (nothing leaves the test's
 * own virtual bridge): clients find the appliance by multicast DNS, pin its certificate, log in and chat;
 * and an impostor advertising the same name and id with another certificate never gets a password.
 */
@Tag("slow")
class ApplianceOnTheLanNetnsTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static NetnsLab lab;

    @TempDir
    Path dir;
    /** Every child a scenario started: one that failed half-way must not keep the next one's port. */
    private final List<ChildJvm> children = new ArrayList<>();

    @BeforeAll
    static void buildLan() {
        lab = NetnsLab.create("real-appliance", 3);
    }

    @AfterEach
    void stopChildren() {
        children.forEach(ChildJvm::kill);
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    private ChildJvm appliance(int host, Path data, String name) {
        ChildJvm child = lab.startJava(lab.host(host), "appliance" + host, ApplianceChild.class, List.of(),
                data.toString(), name, lab.host(host).interfaceName());
        children.add(child);
        child.await("advertising", START);
        return child;
    }

    private ChildJvm client(int host, Path data, String user, String... role) {
        String[] args = new String[3 + role.length];
        args[0] = lab.host(host).interfaceName();
        args[1] = data.toString();
        args[2] = user;
        System.arraycopy(role, 0, args, 3, role.length);
        ChildJvm child = lab.startJava(lab.host(host), user, ChatClientChild.class, List.of(), args);
        children.add(child);
        return child;
    }

    @Test
    void clientsFindTheAppliancePinItLogInAndChat() throws IOException {
        ChildJvm appliance = appliance(1, Files.createDirectories(dir.resolve("appliance")), "Front office");
        String code = appliance.event("ready").get("code");
        assertThat(appliance.event("ready").get("announced")).as("announced by the time the appliance is ready")
                .isEqualTo("true");
        assertThat(appliance.event("advertising").get("responders")).as("one IPv4 responder on the LAN interface")
                .isEqualTo("[" + lab.host(1).interfaceName() + "/" + lab.host(1).address() + "]");
        answersEveryDirectQuery("Front\\032office._lanchat._tcp.local");

        ChildJvm bob = client(2, Files.createDirectories(dir.resolve("bob")), "bob", "receive");
        ChildEvent located = bob.await("located", START);
        assertThat(located.get("foundBy")).isEqualTo("DISCOVERY");
        assertThat(located.get("name")).isEqualTo("Front office");
        ChildEvent trusted = bob.await("trusted", START);
        assertThat(trusted.get("code")).as("the code the admin reads from the appliance").isEqualTo(code);
        assertThat(trusted.get("first")).isEqualTo("true");
        bob.await("logged-in", START);

        ChildJvm alice = client(3, Files.createDirectories(dir.resolve("alice")), "alice", "send", "hello from host 3");
        assertThat(alice.await("sent", START).get("seq")).isEqualTo("1");
        ChildEvent received = bob.await("received", START);
        assertThat(received.get("from")).isEqualTo("alice");
        assertThat(received.get("text")).isEqualTo("hello from host 3");
        appliance.send("stop");
        appliance.await("closed", START);
    }

    /**
     * RFC 6762 5.5: a responder answers queries sent straight to its port 5353, which is how dig and
     * other unicast tools ask. Each query comes from a new source port, so a socket of the appliance's
     * that drops them (as an IPv6 responder sharing the port can) shows up among eight.
     */
    private static void answersEveryDirectQuery(String instance) {
        for (int i = 0; i < 8; i++) {
            String txt = lab.runIn(lab.host(2), Duration.ofSeconds(15), "dig", "@" + lab.host(1).address(), "-p", "5353",
                    "+time=2", "+tries=1", "+noall", "+answer", instance, "TXT");
            assertThat(txt).as("direct query %d", i + 1).contains("\"txtvers=1\"");
        }
    }

    @Test
    void anImpostorWithTheSameNameAndIdButAnotherCertificateIsRefusedBeforeLogin() throws IOException {
        Path realData = Files.createDirectories(dir.resolve("real"));
        Path clientData = Files.createDirectories(dir.resolve("carol"));
        ChildJvm real = appliance(1, realData, "Back office");
        ChildJvm carol = client(2, clientData, "carol", "receive");
        carol.await("logged-in", START);
        carol.kill();
        real.send("stop");
        real.await("closed", START);

        // The impostor copies everything a sniffer could see (name, id in the TXT record) but not the key.
        Path impostorData = Files.createDirectories(dir.resolve("impostor"));
        Files.copy(realData.resolve(ApplianceId.FILE_NAME), impostorData.resolve(ApplianceId.FILE_NAME));
        ChildJvm impostor = appliance(3, impostorData, "Back office");

        ChildJvm again = client(2, clientData, "carol", "receive");
        ChildEvent refused = again.awaitMatching("refused or logged in",
                e -> e.type().equals("refused") || e.type().equals("logged-in"), START);
        assertThat(refused.type()).as("no login may reach an impostor").isEqualTo("refused");
        assertThat(refused.get("expected")).isEqualTo(real.event("ready").get("code"));
        assertThat(refused.get("actual")).isEqualTo(impostor.event("ready").get("code"));
        impostor.send("stop");
    }
}
