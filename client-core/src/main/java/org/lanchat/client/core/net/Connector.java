package org.lanchat.client.core.net;

import java.io.IOException;
import java.net.Socket;
import org.lanchat.discovery.trust.CertificateMismatchException;

/**
 * Opens a socket to the appliance on which nothing has been sent yet. The real one ({@link PinnedConnector})
 * checks the certificate pin during the TLS handshake; it is called again for every reconnect, so it may
 * look the appliance up afresh (its port or address may have changed).
 */
@FunctionalInterface
public interface Connector {
    /**
     * @throws CertificateMismatchException if the appliance presents a certificate this computer does not trust
     * @throws IOException                  if it cannot be reached
     */
    Socket open() throws IOException, CertificateMismatchException;
}
