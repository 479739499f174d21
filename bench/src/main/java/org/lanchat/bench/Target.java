package org.lanchat.bench;

import org.lanchat.bench.load.RunSpec;

/** A server configuration the bench measures. */
enum Target {
    LANCHAT("LAN Chat", RunSpec.Server.LANCHAT, false, false, 0),
    LANCHAT_TLS("LAN Chat TLS", RunSpec.Server.LANCHAT, true, false, 0),
    LANCHAT_MARIADB("LAN Chat MariaDB", RunSpec.Server.LANCHAT, false, true, 0),
    // Cluster mode even with one member, so that 2 ÷ 1 and 3 ÷ 1 isolate what spreading the clients costs or gains.
    LANCHAT_CLUSTER_1("LAN Chat cluster of 1", RunSpec.Server.LANCHAT, false, true, 1),
    LANCHAT_CLUSTER_2("LAN Chat cluster of 2", RunSpec.Server.LANCHAT, false, true, 2),
    LANCHAT_CLUSTER_3("LAN Chat cluster of 3", RunSpec.Server.LANCHAT, false, true, 3),
    NATS("NATS", RunSpec.Server.NATS, false, false, 0),
    NATS_TLS("NATS TLS", RunSpec.Server.NATS, true, false, 0),
    MOSQUITTO("Mosquitto", RunSpec.Server.MQTT, false, false, 0);

    final String label;
    final RunSpec.Server server;
    final boolean tls;
    final boolean mariadb;
    /** Appliances serving one chat over a shared database and bus ({@code --cluster}); 0 when one serves alone. */
    final int clusterMembers;

    Target(String label, RunSpec.Server server, boolean tls, boolean mariadb, int clusterMembers) {
        this.label = label;
        this.server = server;
        this.tls = tls;
        this.mariadb = mariadb;
        this.clusterMembers = clusterMembers;
    }

    boolean ours() {
        return server == RunSpec.Server.LANCHAT;
    }
}
