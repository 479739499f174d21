package org.lanchat.client.core.net;

import java.io.IOException;
import java.net.Socket;
import java.util.Objects;
import java.util.function.Supplier;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.discovery.trust.CertificateMismatchException;
import org.lanchat.discovery.trust.PinStore;
import org.lanchat.discovery.trust.PinnedConnection;
import org.lanchat.discovery.trust.TlsPinCheck;
import org.lanchat.discovery.trust.TrustTarget;

/**
 * Connects over TLS and completes the handshake only with a certificate this computer already trusts.
 *
 * <p>Trust on first use is a decision for the person at the keyboard, taken before the first connection
 * (see {@link org.lanchat.client.core.appliance.TrustService}). {@link TlsPinCheck} would pin silently when
 * nothing is pinned yet; this connector refuses that case instead, so an automatic reconnect can never
 * trust a new appliance by itself. Under {@link ProvisionedTrust} it also refuses a certificate the user pinned
 * that the administrator did not provision.
 */
public final class PinnedConnector implements Connector {
    private final TlsPinCheck check;
    private final PinStore pins;
    private final Supplier<TrustTarget> target;
    private final ProvisionedTrust provisioned;

    /** @param target where to connect; asked again on every call, so it may follow the appliance around */
    public PinnedConnector(PinStore pins, TlsPinCheck check, Supplier<TrustTarget> target) {
        this(pins, ProvisionedTrust.none(), check, target);
    }

    public PinnedConnector(PinStore pins, ProvisionedTrust provisioned, TlsPinCheck check, Supplier<TrustTarget> target) {
        this.provisioned = Objects.requireNonNull(provisioned, "provisioned");
        this.pins = Objects.requireNonNull(pins, "pins");
        this.check = Objects.requireNonNull(check, "check");
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public Socket open() throws IOException, CertificateMismatchException {
        if (pins.pins().isEmpty()) {
            throw new IOException("no appliance is trusted on this computer yet; choose one and confirm its code first");
        }
        TrustTarget where = target.get();
        PinnedConnection connection = check.connect(where);
        if (provisioned.isProvisioned() && !provisioned.trusts(connection.fingerprint())) {
            // Only the handshake happened: nothing, and no password, was sent.
            connection.close();
            throw new IOException("Refused to connect to \"" + where.name() + "\": its certificate (code "
                    + connection.fingerprint().shortCode() + ") is not one the administrator provisioned ("
                    + String.join(", ", provisioned.shortCodes()) + "). No password was sent.");
        }
        return connection.socket();
    }
}
