package org.lanchat.bench.server;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several appliances serving one chat (README, "Several appliances"): a nats-server of their own as the bus, one
 * MariaDB database they share, seeded once, and members started one after another with {@code --cluster}, each with
 * its own data directory and port. The first member makes the cluster's identity in the database; every member then
 * presents a certificate chain ending in the cluster's certificate and logs that certificate's fingerprint, which
 * clients pin whichever member they reach.
 */
public final class ApplianceCluster implements ServerUnderTest {
    private final BenchDatabase database;
    private final ServerProcess bus;
    private final LanChatServer.Options memberOptions;
    private final List<LanChatServer> members = new ArrayList<>();

    private ApplianceCluster(BenchDatabase database, ServerProcess bus, LanChatServer.Options memberOptions) {
        this.database = database;
        this.bus = bus;
        this.memberOptions = memberOptions;
    }

    /** Starts {@code size} members; {@code o.mysqlServerUrl()} is where the shared database is made. */
    public static ApplianceCluster start(LanChatServer.Options o, int size) throws IOException, SQLException {
        if (o.mysqlServerUrl() == null) {
            throw new IllegalArgumentException("several appliances need a MySQL or MariaDB server to share");
        }
        BenchDatabase database = BenchDatabase.create(o.mysqlServerUrl(), o.mysqlUser());
        ApplianceCluster cluster = null;
        try {
            AccountSeeder.seed(database.url(), database.user(), null, o.accounts(), o.username(), o.token());
            ServerProcess bus = ReferenceServers.nats(o.workDir(), false);
            List<String> arguments = new ArrayList<>(o.extraArguments());
            arguments.addAll(List.of("--cluster", "nats://127.0.0.1:" + bus.port()));
            cluster = new ApplianceCluster(database, bus, new LanChatServer.Options(o.workDir(), o.tls(), o.accounts(),
                    o.tokenSeed(), o.username(), o.token(), o.mysqlServerUrl(), o.mysqlUser(), o.jvmOptions(), arguments));
            // One after another: the first makes the cluster's identity, the others read it.
            for (int i = 0; i < size; i++) {
                cluster.members.add(LanChatServer.startOn(database, cluster.memberOptions));
            }
            cluster.fingerprint();
            return cluster;
        } catch (IOException | RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            } else {
                database.close();
            }
            throw e;
        }
    }

    public int size() {
        return members.size();
    }

    public LanChatServer member(int i) {
        return members.get(i);
    }

    /** Kills member {@code i} with SIGKILL: its clients lose their connection, the others hear nothing from it. */
    public void kill(int i) throws InterruptedException {
        members.get(i).kill();
    }

    /** Starts a new member in the place of member {@code i} (which has stopped), on a fresh data directory. */
    public void replace(int i) throws IOException {
        members.get(i).close();
        members.set(i, LanChatServer.startOn(database, memberOptions));
    }

    @Override
    public List<Integer> ports() {
        return members.stream().map(LanChatServer::port).toList();
    }

    /** The members and the bus: what the cluster costs in CPU time and memory includes its nats-server. */
    @Override
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>(members.stream().map(LanChatServer::pid).toList());
        pids.add(bus.pid());
        return pids;
    }

    /** The cluster's fingerprint, which every member logs; a member logging another one is a broken cluster. */
    @Override
    public String fingerprint() {
        String first = members.get(0).fingerprint();
        for (LanChatServer m : members) {
            if (!Objects.equals(first, m.fingerprint())) {
                throw new IllegalStateException("members present different identities: " + first + " and " + m.fingerprint()
                        + "; see " + m.log());
            }
        }
        return first;
    }

    @Override
    public void close() {
        members.forEach(LanChatServer::close);
        bus.close();
        database.close();
    }
}
