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
    MOSQUITTO("Mosquitto", RunSpec.Server.MQTT, false, false, 0),
    // The durable references for private messages: JetStream on a file store, and the store floor (no server at all).
    NATS_JETSTREAM("NATS JetStream (file)", RunSpec.Server.JETSTREAM, false, false, 0),
    STORE_FLOOR_H2("store floor H2", null, false, false, 0),
    STORE_FLOOR_MARIADB("store floor MariaDB", null, false, true, 0);

    final String label;
    /** The protocol the generator speaks; null for the store floor, which has no server. */
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

    /** The appliance's inserts and commits on its database with no server in front ({@code StoreFloor}). */
    boolean storeFloor() {
        return server == null;
    }

    /** Whether an ack means the message is stored: ours after the commit, JetStream's PubAck, the floor's commit. */
    boolean durable() {
        return ours() || server == RunSpec.Server.JETSTREAM || storeFloor();
    }
}
