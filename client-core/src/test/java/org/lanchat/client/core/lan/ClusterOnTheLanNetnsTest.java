package org.lanchat.client.core.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.lan.ApplianceChild;
import org.lanchat.appliance.testing.ScenarioFigures;
import org.lanchat.appliance.testing.TcpProxy;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.appliance.testing.TestNatsServer;
import org.lanchat.discovery.netns.ChildJvm;
import org.lanchat.discovery.netns.NetnsLab;
import org.lanchat.discovery.netns.NetnsLab.Host;

/**
 * Two members of a cluster on a LAN of network namespaces, each a host of its own advertising by multicast DNS,
 * sharing a real MariaDB and nats-server that run on this machine (reached over a link the lab gives it). A client
 * on a third host, with the app's own directory, lists the cluster once, trusts it with the one code, and when
 * its member is killed with SIGKILL carries on with the other member without the user doing anything.
 */
@Tag("slow")
class ClusterOnTheLanNetnsTest {
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private NetnsLab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aClientListsTheClusterOnceAndMovesToTheOtherMemberWhenItsMemberIsKilled() throws Exception {
        lab = NetnsLab.create("cluster-on-the-lan", 3);
        InetAddress here = InetAddress.getByName(lab.linkThisMachine());
        try (TestDatabase database = TestDatabase.mysql();
             TestNatsServer nats = TestNatsServer.start(dir);
             TcpProxy databaseLink = new TcpProxy(new InetSocketAddress("127.0.0.1", 3306), here);
             TcpProxy busLink = new TcpProxy(new InetSocketAddress("127.0.0.1", nats.port()), here)) {
            String databaseUrl = databaseLink.jdbcUrl(database.jdbcUrl());
            String busUrl = "nats://" + busLink.hostAndPort();
            ChildJvm first = member(1, databaseUrl, busUrl);
            ChildJvm second = member(2, databaseUrl, busUrl); // after the first: it joins the cluster the first made
            String code = first.event("ready").get("code");
            assertThat(second.event("ready").get("code")).as("both members present the cluster's identity").isEqualTo(code);

            ChildJvm client = lab.startJava(lab.host(3), "client", ClusterClientChild.class, List.of(),
                    lab.host(3).interfaceName(), Files.createDirectories(dir.resolve("client")).toString(), "amy", code);
            assertThat(client.await("listed", START).fields())
                    .as("two members heard, one cluster listed").containsEntry("members", "2").containsEntry("choices", "1");
            client.await("session", START);
            client.send("send before");
            assertThat(client.await("acked", START).get("text")).isEqualTo("before");

            int on = connectedMember(lab.host(3).address());
            assertThat(on).as("the member the client is connected to").isIn(1, 2);
            ChildJvm victim = on == 1 ? first : second;
            victim.kill();
            long killedAt = System.nanoTime();
            client.await("session", e -> "true".equals(e.get("resumed")), START);
            ScenarioFigures.record("cluster on the LAN", "ms from SIGKILL to the session resumed on the other member",
                    (System.nanoTime() - killedAt) / 1_000_000);
            assertThat(connectedMember(lab.host(3).address())).as("now on the other member").isEqualTo(3 - on);
            client.send("send after");
            assertThat(client.await("acked", e -> "after".equals(e.get("text")), START).get("seq"))
                    .as("one sequence across members").isEqualTo("2");
            client.send("stop");
        }
    }

    private ChildJvm member(int host, String databaseUrl, String busUrl) throws Exception {
        ChildJvm member = lab.startJava(lab.host(host), "member" + host, ApplianceChild.class, List.of(),
                Files.createDirectories(dir.resolve("member" + host)).toString(), "LAN Chat " + host,
                lab.host(host).interfaceName(), databaseUrl, busUrl);
        member.await("advertising", START);
        return member;
    }

    /** Which member host has an established connection from {@code clientAddress} (0 when none does). */
    private int connectedMember(String clientAddress) {
        for (int host = 1; host <= 2; host++) {
            Host h = lab.host(host);
            String connections;
            try {
                connections = lab.runIn(h, Duration.ofSeconds(10), "ss", "-tnH", "state", "established");
            } catch (RuntimeException e) {
                continue; // its namespace may be gone with a killed member's processes: not this one
            }
            // The appliance listens on IPv6 too, so ss shows IPv4 peers mapped: [::ffff:10.77.0.3]:port.
            if (connections.contains(clientAddress + ":") || connections.contains(clientAddress + "]:")) {
                return host;
            }
        }
        return 0;
    }
}
