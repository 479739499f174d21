package org.lanchat.appliance;

import java.io.IOException;
import java.util.function.LongSupplier;
import org.lanchat.appliance.account.UserDirectory;
import org.lanchat.appliance.cluster.ClusterRouter;
import org.lanchat.appliance.cluster.ClusterSettings;
import org.lanchat.appliance.config.ApplianceConfig;
import org.lanchat.appliance.relay.LocalRouter;
import org.lanchat.appliance.relay.SessionRegistry;
import org.lanchat.appliance.store.ClusterStore;
import org.lanchat.appliance.store.Database;
import org.lanchat.appliance.store.MessageStore;
import org.lanchat.appliance.store.UserStore;
import org.lanchat.appliance.tls.ApplianceIdentity;
import org.lanchat.appliance.tls.ClusterAuthority;
import org.lanchat.discovery.ApplianceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This appliance as a member of a cluster ({@code --cluster}): the identity it presents and advertises (the
 * cluster's, read from the shared database or made there by the first member) and its router on the bus.
 *
 * @param applianceId the id to advertise: the cluster's, or null when advertising is off
 */
record ClusterMembership(ApplianceIdentity identity, ApplianceId applianceId, ClusterRouter router) {
    private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);

    /**
     * Joins the cluster named by the shared database: reads (or makes) its identity, then connects to the NATS bus;
     * from then on this appliance's connections get what every member commits.
     *
     * @param ownId this appliance's own advertised id, or null when advertising is off
     */
    static ClusterMembership join(ApplianceConfig config, Database database, ApplianceIdentity own, ApplianceId ownId,
                                  SessionRegistry registry, LocalRouter localRouter, MessageStore messages, UserStore users,
                                  UserDirectory directory, LongSupplier clockMillis) throws IOException {
        ClusterStore.StoredIdentity joined = new ClusterStore(database).identity(clockMillis.getAsLong(), id -> {
            ClusterAuthority made = ClusterAuthority.create(id);
            return new ClusterStore.StoredIdentity(id, made.certificatePem(), made.keyPem());
        });
        ApplianceIdentity identity = own.inCluster(ClusterAuthority.fromPem(joined.certificatePem(), joined.keyPem()),
                config.name());
        log.info("Member of cluster {}: clients trust the cluster's certificate, fingerprint SHA-256 {} (short code {})",
                joined.clusterId(), identity.fingerprint().colonHex(), identity.fingerprint().shortCode());
        ClusterSettings settings = new ClusterSettings(config.clusterServers(), config.clusterCredentials() == null
                ? new ClusterSettings.None() : ClusterSettings.Credentials.read(config.clusterCredentials()));
        ClusterRouter router = ClusterRouter.join(settings, ClusterRouter.Membership.of(joined.clusterId(), config.name(),
                        identity.fingerprint().shortCode()), identity.credentialKey().getEncoded(), registry, localRouter,
                messages, userId -> users.findById(userId).ifPresent(directory::add));
        // Every member advertises the cluster's id and certificate: clients list it once and trust it once.
        return new ClusterMembership(identity, ownId == null ? null : new ApplianceId(joined.clusterId()), router);
    }
}
