package org.lanchat.discovery.trust;

import java.io.Closeable;
import java.io.IOException;
import javax.net.ssl.SSLSocket;
import org.lanchat.protocol.trust.CertificateFingerprint;

/**
 * A TLS connection whose certificate passed the pin check. Nothing has been sent on it yet: the caller
 * now speaks the LAN Chat protocol (hello, login) over {@link #socket()}.
 *
 * @param decision {@link PinDecision.Trusted}, or {@link PinDecision.FirstContact} when this connection
 *                 created the pin (show {@code fingerprint.shortCode()} to the user then)
 */
public record PinnedConnection(SSLSocket socket, CertificateFingerprint fingerprint, PinDecision decision)
        implements Closeable {

    public boolean firstContact() {
        return decision instanceof PinDecision.FirstContact;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
