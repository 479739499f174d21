package org.lanchat.protocol.trust;

/** A peer credential that does not prove who the peer is; {@link #reason()} says why. */
public final class UntrustedPeerException extends Exception {
    public enum Reason {
        /** Signed by another appliance than the pinned one (or its certificate is not the pinned one). */
        OTHER_APPLIANCE,
        /** The signature does not match the name, key and validity it comes with. */
        BAD_SIGNATURE,
        /** Past {@code expiresAt}. */
        EXPIRED,
        /** {@code issuedAt} is later than now, beyond the clock skew tolerated. */
        NOT_YET_VALID,
        /** The certificate or the key cannot be read. */
        MALFORMED,
        /** A good credential, shown by someone who holds another key (a copied credential). */
        OTHER_KEY
    }

    private final Reason reason;

    UntrustedPeerException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
