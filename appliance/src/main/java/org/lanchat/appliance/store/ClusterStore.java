package org.lanchat.appliance.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.function.Function;

/** The {@code cluster_identity} table: the one identity of every appliance sharing this database. */
public final class ClusterStore {
    /** The cluster's id and its certificate authority, as PEM text. */
    public record StoredIdentity(String clusterId, String certificatePem, String keyPem) {
        @Override
        public String toString() {
            return "StoredIdentity[" + clusterId + "]";
        }
    }

    private final Database db;

    public ClusterStore(Database db) {
        this.db = db;
    }

    /**
     * The cluster's identity, made now with {@code create} (given a new random id) if no member has made it yet.
     * Two members starting at once agree on one: the first insert wins, and both read it back.
     */
    public StoredIdentity identity(long nowMillis, Function<String, StoredIdentity> create) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        StoredIdentity candidate = create.apply(HexFormat.of().formatHex(random));
        return db.query("reading the cluster's identity", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT IGNORE INTO cluster_identity"
                    + " (id, cluster_id, ca_certificate, ca_private_key, created_at) VALUES (1, ?, ?, ?, ?)")) {
                insert.setString(1, candidate.clusterId());
                insert.setString(2, candidate.certificatePem());
                insert.setString(3, candidate.keyPem());
                insert.setLong(4, nowMillis);
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT cluster_id, ca_certificate, ca_private_key FROM cluster_identity WHERE id = 1");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return new StoredIdentity(rows.getString(1), rows.getString(2), rows.getString(3));
            }
        });
    }
}
