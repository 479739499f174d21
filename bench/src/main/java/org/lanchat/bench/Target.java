package org.lanchat.bench;

import org.lanchat.bench.load.RunSpec;

/** A server configuration the bench measures. */
enum Target {
    LANCHAT("LAN Chat", RunSpec.Server.LANCHAT, false, false),
    LANCHAT_TLS("LAN Chat TLS", RunSpec.Server.LANCHAT, true, false),
    LANCHAT_MARIADB("LAN Chat MariaDB", RunSpec.Server.LANCHAT, false, true),
    NATS("NATS", RunSpec.Server.NATS, false, false),
    NATS_TLS("NATS TLS", RunSpec.Server.NATS, true, false),
    MOSQUITTO("Mosquitto", RunSpec.Server.MQTT, false, false);

    final String label;
    final RunSpec.Server server;
    final boolean tls;
    final boolean mariadb;

    Target(String label, RunSpec.Server server, boolean tls, boolean mariadb) {
        this.label = label;
        this.server = server;
        this.tls = tls;
        this.mariadb = mariadb;
    }

    boolean ours() {
        return server == RunSpec.Server.LANCHAT;
    }
}
