package org.lanchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.bench.floor.StoreFloor;
import org.lanchat.bench.load.FailoverProbe;
import org.lanchat.bench.load.LoadGenerator;
import org.lanchat.bench.load.RunResult;
import org.lanchat.bench.load.RunResult.StepResult;
import org.lanchat.bench.load.RunSpec;
import org.lanchat.bench.load.RunSpec.Pattern;
import org.lanchat.bench.load.RunSpec.StepSpec;
import org.lanchat.bench.server.ApplianceCluster;
import org.lanchat.bench.server.LanChatServer;
import org.lanchat.bench.server.ReferenceServers;
import org.lanchat.bench.server.ServerProcess;
import org.lanchat.bench.server.ServerUnderTest;

/**
 * The bench's smoke configuration: every workload shape against real servers for a second or two, with
 * the generator in this JVM. It checks correctness only (every message delivered once, to the right
 * member, no errors), never timings: a slow CI machine must not fail it.
 */
@Timeout(180)
@Tag("slow")
class BenchSmokeTest {
    private static final String SEED = "smoke";
    private static final List<StepSpec> ONE_SECOND = List.of(new StepSpec(40, 200, 800), new StepSpec(80, 0, 800));

    @TempDir
    Path work;

    @Test
    void appliancePlaintextDeliversGroupAndPrivateMessagesExactlyOnce() throws Exception {
        try (LanChatServer server = lanChat(false, 12)) {
            assertEveryMessageDeliveredOnce(run(server, RunSpec.Server.LANCHAT, false, Pattern.GROUP, 8, -1));
            assertEveryMessageDeliveredOnce(run(server, RunSpec.Server.LANCHAT, false, Pattern.PRIVATE, 12, -1));
        }
    }

    @Test
    void applianceOverPinnedTlsDeliversExactlyOnceAndAStalledReaderDoesNotHoldUpOthers() throws Exception {
        try (LanChatServer server = lanChat(true, 8)) {
            assertThat(server.fingerprint()).hasSize(64);
            RunResult stalled = run(server, RunSpec.Server.LANCHAT, true, Pattern.GROUP, 8, 7);
            assertEveryMessageDeliveredOnce(stalled);
            assertThat(stalled.steps().get(1).fanout()).as("the stalled member is not expected to receive").isEqualTo(6);
        }
    }

    @Test
    void natsAdapterDeliversExactlyOnce() throws Exception {
        requireInstalled(ReferenceServers.natsInstalled(), "nats-server");
        try (ServerProcess nats = ReferenceServers.nats(work, false)) {
            assertEveryMessageDeliveredOnce(run(nats, RunSpec.Server.NATS, false, Pattern.GROUP, 8, -1));
            assertEveryMessageDeliveredOnce(run(nats, RunSpec.Server.NATS, false, Pattern.PRIVATE, 8, -1));
        }
        try (ServerProcess natsTls = ReferenceServers.nats(work, true)) {
            assertEveryMessageDeliveredOnce(run(natsTls, RunSpec.Server.NATS, true, Pattern.GROUP, 6, -1));
        }
    }

    @Test
    void mqttAdapterDeliversExactlyOnceDespiteMqttEchoingToThePublisher() throws Exception {
        requireInstalled(ReferenceServers.mosquittoInstalled(), "mosquitto");
        try (ServerProcess mosquitto = ReferenceServers.mosquitto(work)) {
            assertEveryMessageDeliveredOnce(run(mosquitto, RunSpec.Server.MQTT, false, Pattern.GROUP, 8, -1));
            assertEveryMessageDeliveredOnce(run(mosquitto, RunSpec.Server.MQTT, false, Pattern.PRIVATE, 8, -1));
        }
    }

    /** The durable reference: every private send gets a PubAck (stored) and reaches its partner from the stream, once. */
    @Test
    void jetStreamAdapterStoresEveryPrivateMessageAndDeliversItOnce() throws Exception {
        requireInstalled(ReferenceServers.natsInstalled(), "nats-server");
        try (ServerProcess jetStream = ReferenceServers.jetStream(work, 8)) {
            RunResult result = run(jetStream, RunSpec.Server.JETSTREAM, false, Pattern.PRIVATE, 8, -1);
            assertEveryMessageDeliveredOnce(result);
            for (StepResult s : result.steps()) {
                assertThat(s.acks()).as("PubAcks at %d msgs/s", s.messagesPerSecond()).isEqualTo(s.offeredMessages());
            }
        }
    }

    /** The store floor commits every row it offers exactly once, at offered rates and flat out, on H2 and MariaDB. */
    @Test
    void storeFloorCommitsEveryRowOnce() throws Exception {
        List<StepSpec> steps = List.of(new StepSpec(200, 200, 500), new StepSpec(0, 100, 300));
        try (StoreFloor floor = StoreFloor.h2(work.resolve("floor"), 4)) {
            assertEveryRowCommittedOnce(floor, floor.run(steps, false));
        }
        try (StoreFloor floor = StoreFloor.mariadb(mysqlUrl(), mysqlUser(), 4)) {
            assertEveryRowCommittedOnce(floor, floor.run(steps, false));
        }
    }

    private static void assertEveryRowCommittedOnce(StoreFloor floor, RunResult result) {
        assertThat(result.steps()).hasSize(2);
        for (StepResult s : result.steps()) {
            assertThat(s.offeredMessages()).isPositive();
            assertThat(s.errors()).isZero();
            assertThat(s.acks()).isPositive();
        }
        StepResult offered = result.steps().get(0);
        assertThat(offered.acks()).as("committed in time at an offered rate").isEqualTo(offered.offeredMessages());
        assertThat(floor.storedRows()).isEqualTo(result.steps().stream().mapToLong(StepResult::offeredMessages).sum());
    }

    /**
     * W7's harness: clients spread over two appliances of one cluster (pinning the cluster's certificate, which each
     * member presents at the end of its own chain) get every group and private message once, private pairs always
     * across the two; and the failover probe's listener, its appliance killed, resumes on the other and hears the
     * group again. MariaDB as CI runs it, or {@code LANCHAT_TEST_MYSQL_URL}.
     */
    @Test
    void twoAppliancesDeliverExactlyOnceAndAKilledOnesClientResumesOnTheOther() throws Exception {
        requireInstalled(ReferenceServers.natsInstalled(), "nats-server");
        RunSpec naming = spec(null, RunSpec.Server.LANCHAT, true, Pattern.IDLE, 2, -1);
        try (ApplianceCluster cluster = ApplianceCluster.start(new LanChatServer.Options(work, true, 8, SEED,
                naming::username, naming::token, mysqlUrl(), mysqlUser(), List.of("-Xmx256m"), List.of()), 2)) {
            assertThat(cluster.fingerprint()).hasSize(64);
            assertEveryMessageDeliveredOnce(run(cluster, RunSpec.Server.LANCHAT, true, Pattern.GROUP, 8, -1));
            assertEveryMessageDeliveredOnce(run(cluster, RunSpec.Server.LANCHAT, true, Pattern.PRIVATE, 8, -1));
            FailoverProbe.Outcome failover = new FailoverProbe(spec(cluster, RunSpec.Server.LANCHAT, true, Pattern.IDLE, 2, -1),
                    0, 1, "smoke").measure(() -> cluster.kill(0));
            assertThat(failover.resumedOnPort()).as(failover.note()).isEqualTo(cluster.ports().get(1));
            assertThat(failover.firstMessageMillis()).as("heard the group after resuming; %s", failover.note()).isNotNaN();
        }
    }

    /** MariaDB as CI runs it, or {@code LANCHAT_TEST_MYSQL_URL} and {@code LANCHAT_TEST_MYSQL_USER}. */
    private static String mysqlUrl() {
        return System.getenv().getOrDefault("LANCHAT_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
    }

    private static String mysqlUser() {
        return System.getenv().getOrDefault("LANCHAT_TEST_MYSQL_USER", "root");
    }

    /** CI installs the reference servers (.ci/run), so there a missing one fails instead of letting an adapter rot. */
    private static void requireInstalled(boolean installed, String server) {
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(server + " is not installed; CI must install it (apt-get install " + server + ")");
        }
        assumeTrue(installed, server + " is not installed");
    }

    private LanChatServer lanChat(boolean tls, int accounts) throws Exception {
        RunSpec naming = spec(null, RunSpec.Server.LANCHAT, tls, Pattern.IDLE, 2, -1);
        return LanChatServer.start(new LanChatServer.Options(work, tls, accounts, SEED, naming::username, naming::token,
                null, null, List.of("-Xmx256m"), List.of()));
    }

    private static RunResult run(ServerUnderTest server, RunSpec.Server kind, boolean tls, Pattern pattern, int members,
                                 int stalled) throws InterruptedException {
        try (LoadGenerator generator = new LoadGenerator(spec(server, kind, tls, pattern, members, stalled))) {
            RunResult result = generator.run(() -> { });
            assertThat(result.connected()).as("members logged in; notes: %s", result.notes()).isEqualTo(members);
            return result;
        }
    }

    private static RunSpec spec(ServerUnderTest server, RunSpec.Server kind, boolean tls, Pattern pattern, int members,
                                int stalled) {
        return new RunSpec(kind, "127.0.0.1", server == null ? List.of() : server.ports(), tls,
                server == null ? null : server.fingerprint(), SEED, 0, members, members,
                pattern, ONE_SECOND, false, Integer.MAX_VALUE / 1000, stalled, 1, 100,
                server == null ? List.of() : server.pids(), 2, 50, false, 0, 0, false, null);
    }

    private static void assertEveryMessageDeliveredOnce(RunResult result) {
        assertThat(result.steps()).hasSize(ONE_SECOND.size());
        for (StepResult s : result.steps()) {
            assertThat(s.offeredMessages()).isPositive();
            assertThat(s.expectedDeliveries()).isEqualTo(s.offeredMessages() * s.fanout());
            assertThat(s.delivered()).as("delivered at %d msgs/s; notes: %s", s.messagesPerSecond(), result.notes())
                    .isEqualTo(s.expectedDeliveries());
            assertThat(s.duplicates()).isZero();
            assertThat(s.misrouted()).isZero();
            assertThat(s.errors()).as("notes: %s", result.notes()).isZero();
        }
    }
}
