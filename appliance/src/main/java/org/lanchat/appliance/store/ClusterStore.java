package org.lanchat.appliance.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;

/** The {@code cluster_identity} table: the one cluster id of every appliance sharing this database. */
public final class ClusterStore {
    private final Database db;

    public ClusterStore(Database db) {
        this.db = db;
    }

    /** The cluster id, made now if no member has made it yet; two members starting at once agree on one. */
    public String clusterId(long nowMillis) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String candidate = HexFormat.of().formatHex(random);
        return db.query("reading the cluster id", c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT IGNORE INTO cluster_identity (id, cluster_id, created_at) VALUES (1, ?, ?)")) {
                insert.setString(1, candidate);
                insert.setLong(2, nowMillis);
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("SELECT cluster_id FROM cluster_identity WHERE id = 1");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        });
    }
}
